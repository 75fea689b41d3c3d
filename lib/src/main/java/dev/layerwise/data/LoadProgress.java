package dev.layerwise.data;

import dev.layerwise.display.Display;
import dev.layerwise.display.DisplayHandle;
import dev.layerwise.display.MimeBundle;

import java.util.Locale;

/**
 * A progress line for a long load, such as decoding a folder of images: nothing for loads that end
 * within a second, then one output updated in place twice a second in a notebook (a line every five
 * seconds in a terminal), and a last line saying how long it took. Package-private.
 */
final class LoadProgress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private final String what;
    private final int total;
    private final long quietNanos;
    private final long start = System.nanoTime();
    private long lastDraw;
    private DisplayHandle handle;
    private boolean shown;

    LoadProgress(String what, int total) {
        this(what, total, QUIET_NANOS);
    }

    /** A progress line that stays quiet for the given time; tests pass 0. */
    LoadProgress(String what, int total, long quietNanos) {
        this.what = what;
        this.total = total;
        this.quietNanos = quietNanos;
    }

    /** Called often; draws at most twice a second in a notebook, every five seconds elsewhere. */
    void update(int done) {
        long now = System.nanoTime();
        if (now - start < quietNanos) {
            return;
        }
        long interval = Display.isRich() ? 500_000_000L : 5_000_000_000L;
        if (shown && now - lastDraw < interval) {
            return;
        }
        lastDraw = now;
        draw(bundle(done, false));
    }

    /** The closing line, when a progress line was shown. */
    void finish(String summary) {
        if (shown) {
            draw(MimeBundle.text(summary));
        }
    }

    private void draw(MimeBundle b) {
        if (!shown) {
            shown = true;
            if (Display.isRich()) {
                handle = Display.show(b);
                return;
            }
        }
        if (handle != null) {
            handle.update(b);
        } else {
            System.out.println(b.text());
        }
    }

    private MimeBundle bundle(int done, boolean end) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        String text = String.format(Locale.ROOT, "%s: %s of %s (%d%%), %.1f s, %.0f per second%s", what,
                Shapes.count(done), Shapes.count(total), total == 0 ? 100 : 100L * done / total, seconds, rate,
                end || done == 0 ? "" : String.format(Locale.ROOT, ", about %.0f s left", (total - done) / rate));
        String html = "<div><progress max=\"" + total + "\" value=\"" + done + "\" style=\"width:240px\"></progress> "
                + TableView.escape(text) + "</div>";
        return MimeBundle.text(text).withHtml(html);
    }
}
