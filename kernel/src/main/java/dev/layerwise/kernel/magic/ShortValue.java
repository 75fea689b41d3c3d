package dev.layerwise.kernel.magic;

import ai.djl.ndarray.NDArray;
import dev.layerwise.display.Display;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A value in a few words for {@code %whos}: strings quoted, numbers as they are, arrays with their
 * first elements, collections by size, NDArrays by shape (no values copied off the device), and
 * anything else by the first line of its {@code toString()} — given at most {@value #TO_STRING_SECONDS}
 * second on a thread of its own, so a slow or stuck {@code toString()} costs a note, not the kernel.
 */
final class ShortValue {
    static final int WIDTH = 60;
    static final long TO_STRING_SECONDS = 1;

    private ShortValue() {}

    static String of(Object value) {
        return clip(describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "\"" + value + "\"";
        }
        if (value instanceof Character) {
            return "'" + value + "'";
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Enum) {
            return String.valueOf(value);
        }
        if (value instanceof NDArray) {
            NDArray a = (NDArray) value;
            return a.isReleased() ? "NDArray (closed)" : "NDArray " + a.getShape() + " " + a.getDataType() + " on " + a.getDevice();
        }
        if (value.getClass().isArray()) {
            Class<?> element = value.getClass().getComponentType();
            boolean plain = element.isPrimitive() || element == String.class || element.isArray() && element.getComponentType().isPrimitive();
            return plain ? Display.render(value).text()
                    : element.getSimpleName() + "[" + java.lang.reflect.Array.getLength(value) + "]";
        }
        if (value instanceof Collection) {
            return "size " + ((Collection<?>) value).size();
        }
        if (value instanceof Map) {
            return "size " + ((Map<?, ?>) value).size();
        }
        return firstLineOfToString(value);
    }

    private static String firstLineOfToString(Object value) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                text.complete(String.valueOf(value));
            } catch (RuntimeException | Error e) {
                text.completeExceptionally(e);
            }
        }, "layerwise-whos");
        t.setDaemon(true);
        t.start();
        try {
            String s = text.get(TO_STRING_SECONDS, TimeUnit.SECONDS).strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl).strip() + " …";
        } catch (TimeoutException e) {
            return "(toString() did not return within " + TO_STRING_SECONDS + " s)";
        } catch (ExecutionException e) {
            return "(toString() failed: " + e.getCause() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String clip(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= WIDTH ? one : one.substring(0, WIDTH - 1) + "…";
    }
}
