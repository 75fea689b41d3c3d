package dev.layerwise.nn;

/** The validations behind {@link Net}'s builder and lookups, with the messages users see; package-private. */
final class NetChecks {
    private NetChecks() {}

    /** One example's shape: at least one dimension, each at least 1; returns a copy. */
    static long[] inputShape(long[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Net.input(): give the shape of one example, e.g. Net.input(784)"
                    + " or Net.input(1, 28, 28).");
        }
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Net.input" + Shapes.format(shape).replace('[', '(').replace(']', ')')
                        + ": every dimension must be at least 1.");
            }
        }
        return shape.clone();
    }

    /** A layer to add is there. */
    static void layer(Net net, Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("add(null): expected a layer, e.g. add(new Dense(null, 30, null, null));"
                    + " the builder methods such as dense(30) do this for you. Layers now: " + net.layerNames() + ".");
        }
    }

    /** A new name for the last layer is there, and so is the last layer. */
    static void rename(Net net, String name) {
        if (name == null) {
            throw new IllegalArgumentException("named(null): expected a name such as \"hidden\"; names in a net must"
                    + " be unique and non-empty. Layers now: " + net.layerNames() + ".");
        }
        if (net.layers().isEmpty()) {
            throw new IllegalStateException("named(\"" + name + "\"): the net has no layer yet; add one first,"
                    + " e.g. Net.input(784).dense(30).named(\"" + name + "\").");
        }
    }

    /** A layer position within the net. */
    static void index(Net net, String method, int index) {
        int size = net.layers().size();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(method + "(" + index + "): the net has " + size + " layer"
                    + (size == 1 ? "" : "s") + ", so positions run from 0 to " + (size - 1)
                    + ". Layers: " + net.layerNames() + ".");
        }
    }
}
