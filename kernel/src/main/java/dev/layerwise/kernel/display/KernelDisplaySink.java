package dev.layerwise.kernel.display;

import dev.layerwise.display.DisplaySink;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.kernel.eval.OutputRouter;
import dev.layerwise.kernel.log.Log;
import dev.layerwise.kernel.protocol.Iopub;
import dev.layerwise.kernel.protocol.Message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notebook's {@link DisplaySink}: {@code Display.show(x)} becomes {@code display_data} and
 * {@code handle.update(y)} becomes {@code update_display_data}, both carrying
 * {@code transient.display_id} so the front end replaces the output in place.
 *
 * <p>Outputs belong to the running cell (or the last one, for background threads). Buffered
 * {@code System.out} text is flushed first, so prints and displays keep their order.
 */
public final class KernelDisplaySink implements DisplaySink {
    private final Iopub iopub;
    private final OutputRouter router;

    /**
     * @param iopub where outputs go
     * @param router the stream router, which knows the current cell
     */
    public KernelDisplaySink(Iopub iopub, OutputRouter router) {
        this.iopub = iopub;
        this.router = router;
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        send("display_data", bundle, displayId);
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        send("update_display_data", bundle, displayId);
    }

    @Override
    public boolean isRich() {
        return true;
    }

    private void send(String type, MimeBundle bundle, String displayId) {
        router.flush();
        Object parent = router.parent();
        if (!(parent instanceof Message)) {
            Log.info("display outside any cell (" + type + "): " + bundle.text());
            return;
        }
        if (router.silent()) {
            return;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", bundle.data());
        content.put("metadata", Map.of());
        content.put("transient", Map.of("display_id", displayId));
        iopub.publish(type, content, (Message) parent);
    }

    /**
     * The content of an {@code execute_result} or {@code display_data} for a bundle.
     *
     * @param bundle the bundle
     * @return {@code data} and {@code metadata}
     */
    public static Map<String, Object> content(MimeBundle bundle) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", bundle.data());
        content.put("metadata", Map.of());
        return content;
    }
}
