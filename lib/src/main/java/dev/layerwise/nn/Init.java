package dev.layerwise.nn;

import java.util.Locale;
import java.util.Random;

/**
 * How a parameter's first values are drawn. Values, not actions: a net keeps an {@code Init} per
 * layer or a default for all, and the learner draws from it with its seed, so the same seed gives
 * the same weights.
 *
 * <p>Fans follow the usual convention: for a dense layer fan-in is its inputs and fan-out its
 * units; for a convolution both are multiplied by the kernel area. The weight of unit {@code u}
 * from input {@code i} sits at row {@code u}, so one unit's incoming weights are contiguous.
 */
public interface Init {
    /**
     * Fills {@code values} with fresh draws for one parameter.
     *
     * @param values the array to fill, row-major in the parameter's shape
     * @param spec the parameter, for its fans and name
     * @param rng the random source
     */
    void fill(float[] values, ParamSpec spec, Random rng);

    /**
     * Checks, before any weights are drawn, that this initializer can fill a parameter; the learner
     * calls it for every parameter when it is created, so a misfit fails early with the layer's name.
     *
     * @param spec the parameter, with its full name and fans
     * @throws IllegalArgumentException when it cannot
     */
    default void check(ParamSpec spec) {}

    /**
     * Normal distribution N(mean, std²). {@code normal(0, 1)} is the initialization of the early
     * chapters of Nielsen's book, which his chapter 3 improves on ({@link #lecun()}).
     *
     * @param mean the mean
     * @param std the standard deviation, at least 0
     * @return the initializer
     */
    static Init normal(double mean, double std) {
        requireNonNegative("normal", "std", std);
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("normal(" + mean + ", " + std + "): the mean must be a finite number,"
                    + " e.g. normal(0, 1).");
        }
        return new Gaussian("normal(" + num(mean) + ", " + num(std) + ")", mean, s -> std, std);
    }

    /**
     * Uniform distribution on [low, high).
     *
     * @param low the lower bound
     * @param high the upper bound, above {@code low}
     * @return the initializer
     */
    static Init uniform(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("uniform(" + low + ", " + high + "): both bounds must be finite numbers,"
                    + " e.g. uniform(-0.1, 0.1).");
        }
        if (!(high > low)) {
            throw new IllegalArgumentException("uniform(" + num(low) + ", " + num(high)
                    + "): the upper bound must be above the lower bound; swap them.");
        }
        return new Uniform("uniform(" + num(low) + ", " + num(high) + ")", low, s -> high, high);
    }

    /**
     * The "standard" initialization of Glorot and Bengio 2010 (their eq. 1), the common heuristic
     * before it: U[−1/√n, 1/√n] with n = fan-in. In a deep sigmoid or tanh net it shrinks the
     * back-propagated gradients layer by layer, the setting in which greedy layer-wise pretraining
     * helped most (Erhan et al. 2010); {@link #xavier()} is the paper's fix.
     *
     * @return the initializer
     */
    static Init glorotStandard() {
        return new Uniform("glorotStandard", Double.NaN, s -> 1 / Math.sqrt(s.fanIn()), Double.NaN);
    }

    /**
     * Xavier/Glorot uniform: U(-a, a) with a = √(6 / (fan_in + fan_out)) (Glorot and Bengio 2010).
     * Keeps activation and gradient variance steady through tanh and sigmoid layers.
     *
     * @return the initializer
     */
    static Init xavier() {
        return new Uniform("xavier", Double.NaN, s -> Math.sqrt(6.0 / (s.fanIn() + s.fanOut())), Double.NaN);
    }

    /**
     * Xavier/Glorot normal: N(0, 2 / (fan_in + fan_out)) (Glorot and Bengio 2010).
     *
     * @return the initializer
     */
    static Init xavierNormal() {
        return new Gaussian("xavierNormal", 0, s -> Math.sqrt(2.0 / (s.fanIn() + s.fanOut())), Double.NaN);
    }

    /**
     * He/Kaiming normal: N(0, 2 / fan_in), made for ReLU layers (He et al. 2015).
     *
     * @return the initializer
     */
    static Init he() {
        return new Gaussian("he", 0, s -> Math.sqrt(2.0 / s.fanIn()), Double.NaN);
    }

    /**
     * He/Kaiming uniform: U(-a, a) with a = √(6 / fan_in).
     *
     * @return the initializer
     */
    static Init heUniform() {
        return new Uniform("heUniform", Double.NaN, s -> Math.sqrt(6.0 / s.fanIn()), Double.NaN);
    }

    /**
     * LeCun normal: N(0, 1 / fan_in), the "improved" initialization of Nielsen's chapter 3.
     *
     * @return the initializer
     */
    static Init lecun() {
        return new Gaussian("lecun", 0, s -> Math.sqrt(1.0 / s.fanIn()), Double.NaN);
    }

    /**
     * Sparse initialization (Martens 2010, used by Sutskever et al. 2013 with Nesterov momentum):
     * each unit gets exactly {@code k} nonzero incoming weights drawn from N(0, 1), at random inputs;
     * all others are zero.
     *
     * @param k nonzero incoming weights per unit, at least 1
     * @return the initializer
     */
    static Init sparse(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("sparse(" + k + "): each unit needs at least 1 nonzero"
                    + " incoming weight; Martens (2010) and Sutskever et al. (2013) use sparse(15).");
        }
        return new Sparse(k);
    }

    /** @return all zeros, the usual choice for biases */
    static Init zeros() {
        return constant(0);
    }

    /** @return all ones */
    static Init ones() {
        return constant(1);
    }

    /**
     * Every value the same.
     *
     * @param value the value
     * @return the initializer
     */
    static Init constant(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("constant(" + value + "): the value must be a finite number.");
        }
        String name = value == 0 ? "zeros" : value == 1 ? "ones" : "constant(" + num(value) + ")";
        return new Constant(name, (float) value);
    }

    private static void requireNonNegative(String init, String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(init + ": " + what + " must be a finite number ≥ 0, got " + v + ".");
        }
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** The per-parameter scale of a distribution, derived from its fans. */
    @FunctionalInterface
    interface Scale {
        double of(ParamSpec spec);
    }

    /**
     * Normal draws with a standard deviation that may depend on the fans.
     *
     * @param name how summaries show it
     * @param mean the mean
     * @param std the standard deviation of a parameter
     * @param fixedStd the standard deviation when it is one number, NaN when it depends on the fans
     */
    record Gaussian(String name, double mean, Scale std, double fixedStd) implements Init {
        @Override
        public void fill(float[] values, ParamSpec spec, Random rng) {
            double s = std.of(spec);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (mean + s * rng.nextGaussian());
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Uniform draws on [low, high); a NaN low means the symmetric interval [-high, high).
     *
     * @param name how summaries show it
     * @param low the lower bound, or NaN for -high
     * @param high the upper bound of a parameter
     * @param fixedHigh the upper bound when it is one number, NaN when it depends on the fans
     */
    record Uniform(String name, double low, Scale high, double fixedHigh) implements Init {
        @Override
        public void fill(float[] values, ParamSpec spec, Random rng) {
            double hi = high.of(spec);
            double lo = Double.isNaN(low) ? -hi : low;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (lo + (hi - lo) * rng.nextDouble());
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The same value everywhere. */
    record Constant(String name, float value) implements Init {
        @Override
        public void fill(float[] values, ParamSpec spec, Random rng) {
            java.util.Arrays.fill(values, value);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Exactly k nonzero N(0, 1) weights per unit. */
    record Sparse(int k) implements Init {
        @Override
        public void check(ParamSpec spec) {
            if (k > spec.fanIn()) {
                throw new IllegalArgumentException("sparse(" + k + ") needs at least " + k
                        + " inputs per unit, but " + spec.name() + " has " + spec.fanIn()
                        + "; use sparse(" + spec.fanIn() + ") or fewer for this layer, e.g. net.init(\""
                        + spec.name().substring(0, Math.max(0, spec.name().lastIndexOf('.'))) + "\", Init.sparse("
                        + spec.fanIn() + ")).");
            }
        }

        @Override
        public void fill(float[] values, ParamSpec spec, Random rng) {
            check(spec);
            int fanIn = (int) spec.fanIn();
            java.util.Arrays.fill(values, 0f);
            int[] inputs = new int[fanIn];
            for (int unit = 0; unit * fanIn < values.length; unit++) {
                for (int i = 0; i < fanIn; i++) {
                    inputs[i] = i;
                }
                // partial Fisher-Yates: the first k entries become a uniform sample of inputs
                for (int i = 0; i < k; i++) {
                    int j = i + rng.nextInt(fanIn - i);
                    int t = inputs[i];
                    inputs[i] = inputs[j];
                    inputs[j] = t;
                    values[unit * fanIn + inputs[i]] = (float) rng.nextGaussian();
                }
            }
        }

        @Override
        public String toString() {
            return "sparse(" + k + ")";
        }
    }
}
