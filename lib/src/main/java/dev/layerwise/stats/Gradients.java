package dev.layerwise.stats;

/** Factories for gradient watches: {@code learner.watch(Gradients.perLayer())}. */
public final class Gradients {
    private Gradients() {}

    /**
     * Records, for every parameter of every layer, the L2 norm and mean absolute value of its
     * gradient, every 10th step. The bias-gradient norm of a layer is what Nielsen calls its
     * "speed of learning".
     *
     * @return the watch; {@code .every(1)} records every step
     */
    public static GradientWatch perLayer() {
        return new GradientWatch(10);
    }
}
