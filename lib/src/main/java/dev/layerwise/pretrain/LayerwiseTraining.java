package dev.layerwise.pretrain;

import dev.layerwise.data.Dataset;
import dev.layerwise.nn.Activation;
import dev.layerwise.nn.Init;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.train.Callback;
import dev.layerwise.train.Learner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings shared by the layer-wise trainers: the hidden layers, their activation and
 * initialization, the optimizer, the seed, and whether to show progress.
 *
 * @param <T> the concrete trainer, so fluent methods keep their type
 */
public abstract class LayerwiseTraining<T extends LayerwiseTraining<T>> {
    final Dataset data;
    int[] hidden = {30, 30, 30};
    Activation.Function activation = Activation.Function.SIGMOID;
    Init weights = Init.lecun();
    Init biases = Init.zeros();
    Optimizer optimizer = Optimizers.sgd(0.1);
    long seed = 42;
    boolean quiet;
    private final Map<String, Callback> callbacks = new LinkedHashMap<>();

    LayerwiseTraining(Dataset data) {
        if (data == null) {
            throw new IllegalArgumentException("layer-wise training needs data, got null.");
        }
        if (data.sampleShape().length != 1) {
            throw new IllegalArgumentException("Layer-wise training stacks dense layers and needs flat examples, but '"
                    + data.name() + "' gives " + java.util.Arrays.toString(data.sampleShape()) + "; call data.flat().");
        }
        if (!data.train().hasLabels()) {
            throw new IllegalArgumentException("Layer-wise training ends in a classifier and needs class labels, but '"
                    + data.name() + "' has none; use labelled data such as Datasets.fashionMnist().");
        }
        this.data = data;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /**
     * The widths of the hidden layers, bottom first.
     *
     * @param widths e.g. {@code 30, 30, 30}
     * @return this trainer
     */
    public T hidden(int... widths) {
        if (widths == null || widths.length == 0 || java.util.Arrays.stream(widths).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden(" + (widths == null ? "null" : java.util.Arrays.toString(widths)
                    .replaceAll("[\\[\\]]", "")) + "): give at least one hidden layer, each with at least 1 unit,"
                    + " e.g. hidden(30, 30, 30).");
        }
        this.hidden = widths.clone();
        return self();
    }

    /**
     * The nonlinearity after each hidden layer (sigmoid by default).
     *
     * @param function e.g. {@code Activation.Function.RELU}
     * @return this trainer
     */
    public T activation(Activation.Function function) {
        require("activation", function, "Activation.Function.RELU");
        this.activation = function;
        return self();
    }

    /**
     * The weight initializer of every layer (LeCun's N(0, 1/n_in) by default).
     *
     * @param init e.g. {@code Init.normal(0, 1)}
     * @return this trainer
     */
    public T init(Init init) {
        require("init", init, "Init.normal(0, 1)");
        this.weights = init;
        return self();
    }

    /**
     * The bias initializer of every layer (zeros by default).
     *
     * @param init e.g. {@code Init.normal(0, 1)}
     * @return this trainer
     */
    public T biasInit(Init init) {
        require("biasInit", init, "Init.zeros()");
        this.biases = init;
        return self();
    }

    /**
     * The optimizer of every stage (each stage starts it fresh).
     *
     * @param opt e.g. {@code Optimizers.sgd(0.1)}
     * @return this trainer
     */
    public T optimizer(Optimizer opt) {
        require("optimizer", opt, "Optimizers.sgd(0.1)");
        this.optimizer = opt;
        return self();
    }

    /**
     * The seed of every stage's initial weights.
     *
     * @param s any value
     * @return this trainer
     */
    public T seed(long s) {
        this.seed = s;
        return self();
    }

    /** @return this trainer without progress bars or live charts */
    public T quiet() {
        this.quiet = true;
        return self();
    }

    /**
     * A callback registered on the learner of every stage, e.g. to log or to stop early.
     *
     * @param name its name
     * @param callback the callback
     * @return this trainer
     */
    public T callback(String name, Callback callback) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("callback(name, …): give the callback a non-empty name.");
        }
        require("callback(\"" + name + "\", …)", callback, "a Callback");
        callbacks.put(name, callback);
        return self();
    }

    private static void require(String method, Object value, String example) {
        if (value == null) {
            throw new IllegalArgumentException(method + "(null): expected a value, e.g. " + example + ".");
        }
    }

    Architecture architecture() {
        return new Architecture(data.sampleShape()[0], hidden, activation, weights, biases);
    }

    static void requireEpochs(String what, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException(what + "(" + epochs + "): train at least 1 epoch.");
        }
    }

    /** Checks a list of epochs: one number for every stage, or one per stage, each at least 1. */
    static int[] requireEpochs(String what, int[] epochs) {
        if (epochs == null || epochs.length == 0) {
            throw new IllegalArgumentException(what + "(): give the epochs, one number for every stage or one per"
                    + " stage, e.g. " + what + "(2) or " + what + "(2, 1, 1).");
        }
        for (int e : epochs) {
            if (e < 1) {
                throw new IllegalArgumentException(what + "(" + list(epochs) + "): train at least 1 epoch in every"
                        + " stage.");
            }
        }
        return epochs.clone();
    }

    /**
     * The epochs of each of {@code depth} stages: the one number given for all, or one per stage.
     *
     * @param what the setter, for the message
     * @param epochs as given
     * @param depth the number of stages
     * @return one number per stage
     */
    int[] epochsPerLevel(String what, int[] epochs, int depth) {
        if (epochs.length == 1) {
            int[] all = new int[depth];
            java.util.Arrays.fill(all, epochs[0]);
            return all;
        }
        if (epochs.length != depth) {
            throw new IllegalArgumentException(what + "(" + list(epochs) + ") gives " + epochs.length + " stages of"
                    + " epochs, but hidden(" + list(hidden) + ") makes " + depth + "; give one number for all stages"
                    + " or exactly " + depth + ", one per hidden layer.");
        }
        return epochs;
    }

    static String list(int[] values) {
        return java.util.Arrays.toString(values).replaceAll("[\\[\\]]", "");
    }

    Learner prepare(Learner learner) {
        learner.removeCallback("checkpoint"); // a stage of a comparison, not a learner to restore
        callbacks.forEach(learner::callback);
        return quiet ? learner.quiet() : learner;
    }

    /**
     * Runs the training, stage by stage. A stop request ends it after the current stage's partial
     * epoch; the stages finished so far are kept.
     *
     * @return the stages and the final learner
     */
    public abstract PretrainResult run();
}
