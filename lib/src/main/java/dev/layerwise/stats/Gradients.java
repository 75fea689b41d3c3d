package dev.layerwise.stats;

/** Factories for gradient watches: {@code learner.watch(Gradients.perLayer())}. */
public final class Gradients {
    private Gradients() {}

    /**
     * Records, for every parameter of every layer, the gradient's L2 norm, mean |g|, standard
     * deviation and max |g|, the weights' L2 norm and the update-to-weight ratio ‖Δw‖/‖w‖, one step
     * in {@value GradientWatch#DEFAULT_EVERY}. The bias-gradient norm of a layer is what Nielsen
     * calls its "speed of learning".
     *
     * @return the watch; {@code .every(1)} records every step, {@code .activations()} and
     *     {@code .histograms(40)} record more
     */
    public static GradientWatch perLayer() {
        return new GradientWatch(GradientWatch.DEFAULT_EVERY);
    }
}
