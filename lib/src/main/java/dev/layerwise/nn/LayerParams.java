package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;

/** The arrays of one layer during a forward pass, looked up by their name within the layer. */
@FunctionalInterface
public interface LayerParams {
    /**
     * One array of the layer.
     *
     * @param name e.g. {@code weight}
     * @return the array
     */
    NDArray get(String name);

    /** Parameters of a layer that has none. */
    LayerParams NONE = name -> {
        throw new IllegalStateException("this layer has no parameter '" + name + "'");
    };
}
