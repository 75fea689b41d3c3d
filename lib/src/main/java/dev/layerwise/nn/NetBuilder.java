package dev.layerwise.nn;

/**
 * The layer-adding methods every {@link Net} has for pooling, reshaping, regularization and
 * activations. Each appends one parameter-free layer through {@link #add(Layer)} and returns the
 * longer net, so a chain such as {@code Net.input(784).dense(30).relu().dropout(0.2)} reads like
 * the network. They live in this file to keep {@code Net} short; a block's body is a {@code Net}
 * too, so the same methods build the inside of a residual block.
 */
public abstract sealed class NetBuilder permits Net {
    NetBuilder() {}

    /**
     * Appends any layer; a layer without a name gets the next automatic one for its kind.
     *
     * @param layer the layer
     * @return the longer net
     */
    public abstract Net add(Layer layer);

    /**
     * Appends max pooling with non-overlapping windows.
     *
     * @param size window side
     * @return the longer net
     */
    public Net maxPool(int size) {
        return maxPool(size, size);
    }

    /**
     * Appends max pooling.
     *
     * @param size window side
     * @param stride step between windows
     * @return the longer net
     */
    public Net maxPool(int size, int stride) {
        return add(new MaxPool(null, size, stride));
    }

    /**
     * Appends average pooling with non-overlapping windows.
     *
     * @param size window side
     * @return the longer net
     */
    public Net avgPool(int size) {
        return avgPool(size, size);
    }

    /**
     * Appends average pooling.
     *
     * @param size window side
     * @param stride step between windows
     * @return the longer net
     */
    public Net avgPool(int size, int stride) {
        return add(new AvgPool(null, size, stride));
    }

    /**
     * Appends global average pooling: each channel of an image averaged to one number, [C, H, W]
     * to [C], as ResNets do before their last dense layer (Lin et al. 2013, "Network in Network").
     *
     * @return the longer net
     */
    public Net globalAvgPool() {
        return add(new GlobalAvgPool(null));
    }

    /** @return the net with each example flattened to a vector */
    public Net flatten() {
        return add(new Flatten(null));
    }

    /**
     * Appends dropout.
     *
     * @param rate the probability of dropping each value while training, in [0, 1)
     * @return the longer net
     */
    public Net dropout(double rate) {
        return add(new Dropout(null, rate));
    }

    /** @return the net with batch normalization appended (momentum 0.1, epsilon 1e-5) */
    public Net batchNorm() {
        return add(new BatchNorm(null, 0.1, 1e-5));
    }

    /** @return the net with a sigmoid appended */
    public Net sigmoid() {
        return activation(Activation.Function.SIGMOID, 0);
    }

    /** @return the net with a tanh appended */
    public Net tanh() {
        return activation(Activation.Function.TANH, 0);
    }

    /** @return the net with a ReLU appended */
    public Net relu() {
        return activation(Activation.Function.RELU, 0);
    }

    /** @return the net with a leaky ReLU of slope 0.01 appended */
    public Net leakyRelu() {
        return leakyRelu(0.01);
    }

    /**
     * Appends a leaky ReLU.
     *
     * @param slope the slope for negative inputs
     * @return the longer net
     */
    public Net leakyRelu(double slope) {
        return activation(Activation.Function.LEAKY_RELU, slope);
    }

    /** @return the net with an ELU of α = 1 appended */
    public Net elu() {
        return elu(1.0);
    }

    /**
     * Appends an ELU.
     *
     * @param alpha the scale of the negative part
     * @return the longer net
     */
    public Net elu(double alpha) {
        return activation(Activation.Function.ELU, alpha);
    }

    /** @return the net with a GELU appended */
    public Net gelu() {
        return activation(Activation.Function.GELU, 0);
    }

    /** @return the net with a softplus appended */
    public Net softplus() {
        return activation(Activation.Function.SOFTPLUS, 0);
    }

    private Net activation(Activation.Function f, double alpha) {
        return add(new Activation(null, f, alpha));
    }
}
