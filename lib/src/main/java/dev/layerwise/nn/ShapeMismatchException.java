package dev.layerwise.nn;

/**
 * A layer was given input of a shape it cannot take. Raised while the net is being built or when
 * data meets the net, before any native code runs.
 */
public final class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String layer;

    /**
     * Creates the error.
     *
     * @param layer the layer's name
     * @param got the shape it received
     * @param expected what it needs, in words
     * @param fix the likely fix
     */
    public ShapeMismatchException(String layer, long[] got, String expected, String fix) {
        super(layer + " receives " + Shapes.format(got) + " but expects " + expected + ". " + fix);
        this.layer = layer;
    }

    /**
     * Creates the error with a message of its own, for blocks whose two branches disagree.
     *
     * @param layer the layer's name
     * @param message what happened, what was expected and the fix
     */
    ShapeMismatchException(String layer, String message) {
        super(message);
        this.layer = layer;
    }

    /** @return the name of the layer that rejected its input */
    public String layer() {
        return layer;
    }
}
