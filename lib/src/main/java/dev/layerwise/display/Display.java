package dev.layerwise.display;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns values into MIME bundles and sends them to the current sink.
 *
 * <p>Use {@link #show(Object)} (or {@link #display(Object)}, the name IPython uses) from a cell to
 * show something before the cell ends, and keep the returned handle to update it in place. Values
 * render through, in order: a renderer registered for their class (or a superclass or interface),
 * {@link Displayable}, and their text ({@code toString()}; arrays list their elements).
 * {@link #show(Object, String)} shows one MIME type only, e.g. a string as HTML.
 */
public final class Display {
    private static volatile DisplaySink sink = new TerminalSink();
    private static final Map<Class<?>, Function<Object, MimeBundle>> RENDERERS =
            new ConcurrentHashMap<>();

    static {
        NDArrayRenderer.register();
    }

    private Display() {}

    /**
     * Routes all later output to {@code newSink}; the kernel calls this once at start.
     *
     * @param newSink the sink
     */
    public static void install(DisplaySink newSink) {
        sink = Objects.requireNonNull(newSink, "sink");
    }

    /** @return the sink outputs go to now */
    public static DisplaySink sink() {
        return sink;
    }

    /** @return whether the current sink shows rich, updatable output (a notebook) */
    public static boolean isRich() {
        return sink.isRich();
    }

    /**
     * Registers how to render values of a type the library does not own, such as DJL's NDArray.
     *
     * @param type the class or interface
     * @param renderer the rendering function
     * @param <T> the type
     */
    @SuppressWarnings("unchecked")
    public static <T> void register(Class<T> type, Function<? super T, MimeBundle> renderer) {
        RENDERERS.put(type, o -> renderer.apply((T) o));
    }

    /**
     * Renders a value to a MIME bundle without showing it.
     *
     * @param value any value; a {@link MimeBundle} is returned as it is
     * @return the bundle
     */
    public static MimeBundle render(Object value) {
        if (value instanceof MimeBundle) {
            return (MimeBundle) value;
        }
        if (value == null) {
            return MimeBundle.text("null");
        }
        Function<Object, MimeBundle> renderer = rendererFor(value.getClass());
        if (renderer != null) {
            return renderer.apply(value);
        }
        if (value instanceof Displayable) {
            return ((Displayable) value).toMimeBundle();
        }
        return MimeBundle.text(value.getClass().isArray() ? ArrayText.of(value) : String.valueOf(value));
    }

    /**
     * Renders a value in one MIME type, with its text form kept for front ends that cannot show that type.
     *
     * @param value a value with a rendering of that type; a {@code String} is itself the content of a text
     *     type ({@code text/html}, {@code text/markdown}, {@code text/latex}, {@code image/svg+xml}); a
     *     {@code byte[]} holds the bytes of a PNG, JPEG or GIF image
     * @param mimeType e.g. {@code text/html}
     * @return the bundle
     * @throws IllegalArgumentException when {@code mimeType} is not a MIME type, or the value has no such form
     */
    public static MimeBundle render(Object value, String mimeType) {
        return MimeForm.render(value, mimeType);
    }

    /**
     * Whether a value has a rendering richer than {@code toString()}.
     *
     * @param value any value
     * @return true for {@link Displayable}s, bundles and registered types
     */
    public static boolean hasRenderer(Object value) {
        return value instanceof Displayable
                || value instanceof MimeBundle
                || (value != null && rendererFor(value.getClass()) != null);
    }

    private static Function<Object, MimeBundle> rendererFor(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Function<Object, MimeBundle> r = RENDERERS.get(c);
            if (r != null) {
                return r;
            }
            for (Class<?> i : c.getInterfaces()) {
                r = rendererFor(i);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /**
     * Shows a value now, as a new output, and returns a handle to update it in place.
     *
     * @param value what to show
     * @return the handle
     */
    public static DisplayHandle show(Object value) {
        return show(value, Display::render);
    }

    /**
     * Shows a value in one MIME type only, e.g. {@code show("<b>done</b>", "text/html")}; the handle's
     * updates keep that type.
     *
     * @param value what to show, as {@link #render(Object, String)} takes it
     * @param mimeType e.g. {@code text/html} or {@code image/png}
     * @return the handle
     * @throws IllegalArgumentException before anything is shown, when the value has no such form
     */
    public static DisplayHandle show(Object value, String mimeType) {
        return show(value, v -> render(v, mimeType));
    }

    /**
     * Shows a value now and returns a handle to update it in place; the same as {@link #show(Object)},
     * under the name IPython and other Java kernels use. The notebook imports it into every cell, so
     * {@code display(image)} works there without an import; as a cell's last line, the handle it
     * returns adds no second output.
     *
     * @param value what to show
     * @return the handle
     */
    public static DisplayHandle display(Object value) {
        return show(value);
    }

    /**
     * Shows a value in one MIME type only; the same as {@link #show(Object, String)}, e.g.
     * {@code display("<b>done</b>", "text/html")} or {@code display(Files.readAllBytes(png), "image/png")}.
     *
     * @param value what to show
     * @param mimeType e.g. {@code text/html}
     * @return the handle
     * @throws IllegalArgumentException before anything is shown, when the value has no such form
     */
    public static DisplayHandle display(Object value, String mimeType) {
        return show(value, mimeType);
    }

    private static DisplayHandle show(Object value, Function<Object, MimeBundle> renderer) {
        DisplaySink target = sink;
        String id = UUID.randomUUID().toString();
        target.display(renderer.apply(value), id);
        return new DisplayHandle() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void update(Object newValue) {
                target.update(renderer.apply(newValue), id);
            }

            @Override
            public String toString() {
                return "DisplayHandle " + id;
            }
        };
    }
}
