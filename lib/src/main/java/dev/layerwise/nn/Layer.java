package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;

import java.util.List;
import java.util.Locale;

/**
 * One immutable step of a {@link Net}: a specification, not a holder of weights.
 *
 * <p>Weights live in the learner that trains the net, keyed by {@code layerName.paramName}, so one
 * net can be trained by several learners. {@link #outputShape(long[])} checks the input shape when
 * the layer is added, so a wrong shape fails while the net is being built.
 */
public interface Layer {
    /** @return the layer's unique name in its net, e.g. {@code dense_1} */
    String name();

    /** @return the layer's type as summaries show it, e.g. {@code Dense} */
    String kind();

    /** @return the stem of the automatic names, {@code dense} for {@code dense_1}: the kind in lower case */
    default String namePrefix() {
        return kind().toLowerCase(Locale.ROOT);
    }

    /**
     * A copy with another name.
     *
     * @param name the new name
     * @return the renamed layer
     */
    Layer named(String name);

    /**
     * The shape of one output example for one input example, checked.
     *
     * @param in the per-example input shape
     * @return the per-example output shape
     * @throws ShapeMismatchException when the layer cannot take this input
     */
    long[] outputShape(long[] in);

    /**
     * The arrays this layer owns for a given input shape.
     *
     * @param in the per-example input shape
     * @return its parameters and buffers, empty for parameter-free layers
     */
    default List<ParamSpec> params(long[] in) {
        return List.of();
    }

    /** @return the layer's settings in a few words, e.g. {@code 30 units} */
    String settings();

    /**
     * Runs the layer on a batch.
     *
     * @param x the batch, batch axis first
     * @param params the layer's arrays
     * @param training true while training (dropout active, batch statistics used)
     * @return the output batch
     */
    NDArray forward(NDArray x, LayerParams params, boolean training);
}
