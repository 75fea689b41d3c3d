package dev.layerwise.nn;

/**
 * One array a layer owns: a trainable parameter (weights, biases, batch-norm scale and shift) or
 * a buffer updated by the layer itself (batch-norm running statistics).
 *
 * @param name the parameter's name within its layer, e.g. {@code weight}
 * @param shape its shape
 * @param role what it is for, which decides its default initializer
 * @param fanIn inputs feeding one output unit (used by Xavier, He, LeCun and sparse init)
 * @param fanOut outputs fed by one input unit
 * @param init the layer's own initializer for it, or {@code null} for the net's default
 */
public record ParamSpec(String name, long[] shape, Role role, long fanIn, long fanOut, Init init) {

    /** What a layer array is for. */
    public enum Role {
        /** Connection weights; initialized with the net's weight initializer. */
        WEIGHT,
        /** Additive biases; zeros unless the net says otherwise. */
        BIAS,
        /** Batch-norm scale, starts at one. */
        GAMMA,
        /** Batch-norm shift, starts at zero. */
        BETA,
        /** Batch-norm running mean, not trained by the optimizer. */
        RUNNING_MEAN,
        /** Batch-norm running variance, not trained by the optimizer. */
        RUNNING_VAR;

        /** @return whether the optimizer updates arrays of this role */
        public boolean trainable() {
            return this != RUNNING_MEAN && this != RUNNING_VAR;
        }
    }

    /**
     * This parameter under its full name, {@code layer.name}, as learners key it.
     *
     * @param layer the owning layer's name
     * @return the renamed spec
     */
    public ParamSpec qualified(String layer) {
        return new ParamSpec(layer + "." + name, shape, role, fanIn, fanOut, init);
    }

    /**
     * This parameter with the layer's own initializer.
     *
     * @param newInit the initializer, or {@code null} for the net's default
     * @return the changed spec
     */
    public ParamSpec withInit(Init newInit) {
        return new ParamSpec(name, shape, role, fanIn, fanOut, newInit);
    }

    /** @return the number of elements */
    public long size() {
        return Shapes.size(shape);
    }
}
