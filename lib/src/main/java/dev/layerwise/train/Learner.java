package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.LayerRates;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.stats.GradientLog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * Trains a net on a dataset and keeps everything training needs between notebook cells: weights,
 * optimizer state, history, callbacks. {@code fit(1)} twice trains two epochs.
 * {@code Learner.of(net, data).optimizer(Optimizers.sgd(0.1)).fit(1)} trains one epoch.
 * The learner owns its native memory: there is nothing to close. Its arrays are freed when it is
 * no longer reachable (or at once with {@link #close()}), and each training step frees what it made.
 * Weights are drawn when first needed, from the learner's seed, so the same seed, data order and
 * settings give the same losses on the CPU.
 *
 * <p>Training runs through callbacks called by name at each {@link Event}; a new learner has, in calling order:
 * {@code nan-guard} (stops at a NaN or infinite loss before the update), {@code metrics} (the epoch's loss and
 * accuracy), {@code validation} (the test set after each epoch), {@code history}, {@code progress} and {@code chart}
 * (the live views), and {@code checkpoint} (see {@link Checkpoints}). Each can be replaced or removed by name, and
 * {@code earlyStopping(…)}, {@code reduceOnPlateau(…)} and {@code keepBest(…)} register three more by name.
 *
 * <p>The optimizer's settings change in place, keeping its state (Adam's moments, the velocity):
 * {@code learningRate(1e-4)}, {@code momentum(0.95)}, {@code weightDecay(0.01)},
 * {@code clipGradNorm(1.0)}, {@code clipGradValue(0.5)}; {@code optimizer(…)} carries the state
 * between rules that keep the same one (Adam and AdamW, momentum and Nesterov) and says so.
 */
public final class Learner extends LearnerSettings implements Displayable, AutoCloseable {
    private final Net net;
    private final Dataset data;
    private final TrainingState state;
    private final History history = new History();
    private Loss loss = Loss.softmaxCrossEntropy();

    private Learner(Net net, Dataset data) {
        this.net = net;
        this.data = data;
        Layerwise.engine();
        this.state = new TrainingState(net, data, Layerwise.seed(), Layerwise.device());
        if (!data.train().hasLabels()) {
            loss = Loss.mse();
        }
    }

    /**
     * A learner for a net and its data, with softmax cross-entropy and SGD at rate 0.1 until told. The
     * data starts going into native memory at once, in the background, so the first {@code fit} does not wait.
     * @param net the network
     * @param data the training data (and its test set, if it has one)
     * @return the learner
     */
    public static Learner of(Net net, Dataset data) {
        DataCheck.requireLearnable(net, data);
        return new Learner(net, data);
    }

    /**
     * Sets the loss.
     *
     * @param newLoss e.g. {@code Loss.softmaxCrossEntropy()}
     * @return this learner
     */
    public Learner loss(Loss newLoss) {
        if (newLoss == null) {
            throw new IllegalArgumentException("loss(null): expected a Loss such as Loss.softmaxCrossEntropy().");
        }
        DataCheck.requireLossFits(newLoss, data, "loss(" + newLoss.name() + ")");
        this.loss = newLoss;
        return this;
    }

    /**
     * Multiplies some layers' learning rate, e.g. {@code layerRate("dense_1", 4)}; rules multiply.
     *
     * @param layerOrPattern a layer name or a glob such as {@code dense_*}
     * @param factor the multiplier, at least 0
     * @return this learner
     */
    public Learner layerRate(String layerOrPattern, double factor) {
        state.controls().rate(layerOrPattern, factor);
        return event("layer rate " + layerOrPattern + " × " + factor);
    }

    /**
     * Multiplies each layer's learning rate by a function of its depth (1 = the first layer with
     * parameters), e.g. {@code d -> Math.pow(2, 4 - d)}.
     *
     * @param byDepth the multiplier at each depth
     * @return this learner
     */
    public Learner layerRatesByDepth(IntToDoubleFunction byDepth) {
        state.controls().byDepth(byDepth);
        return event("layer rates by depth");
    }

    /**
     * Replaces all per-layer rate rules.
     *
     * @param rates e.g. {@code LayerRates.none()} to go back to one rate for all
     * @return this learner
     */
    public Learner layerRates(LayerRates rates) {
        state.controls().rates(rates);
        return event(state.controls().rates().toString());
    }

    /** @return the per-layer rate rules */
    public LayerRates layerRates() {
        return state.controls().rates();
    }

    /**
     * Stops some layers from learning: their weights stay exactly as they are until unfrozen.
     *
     * @param layersOrPatterns layer names or globs
     * @return this learner
     */
    public Learner freeze(String... layersOrPatterns) {
        state.controls().freeze(true, "freeze", layersOrPatterns);
        return event("freeze " + String.join(", ", layersOrPatterns));
    }

    /**
     * Lets frozen layers learn again.
     *
     * @param layersOrPatterns layer names or globs
     * @return this learner
     */
    public Learner unfreeze(String... layersOrPatterns) {
        state.controls().freeze(false, "unfreeze", layersOrPatterns);
        return event("unfreeze " + String.join(", ", layersOrPatterns));
    }

    /** @return the names of the frozen layers */
    public Set<String> frozenLayers() {
        return state.controls().frozen();
    }

    /**
     * Sets the seed that draws the initial weights and dropout masks. Must come before training.
     *
     * @param newSeed any value
     * @return this learner
     */
    public Learner seed(long newSeed) {
        state.reseed(newSeed);
        return this;
    }

    /**
     * Moves the learner to a device, before or between {@code fit} calls: weights and optimizer
     * state are copied there and the old copies freed; the data follows at its next use. Training
     * continues as if it had never moved (up to the devices' rounding). A GPU that cannot be used is
     * refused with the reason, and nothing changes.
     *
     * @param newDevice e.g. {@code Device.gpu()} or {@code Device.cpu()}
     * @return this learner
     * @throws dev.layerwise.device.GpuUnavailableException when the GPU is not usable
     */
    public Learner device(Device newDevice) {
        DeviceMove.request(this, newDevice);
        return this;
    }

    /**
     * Moves the learner to a device by name, as {@link Layerwise#device(String)} names them.
     *
     * @param name {@code "cpu"}, {@code "gpu"}, {@code "gpu:1"} or {@code "auto"}
     * @return this learner
     */
    public Learner device(String name) {
        return device(Layerwise.resolveDevice(name));
    }

    /** Copies weights and optimizer state to a device (even the one they are on), drops device data. */
    void relocate(Device to) {
        state.relocate(to, this::event);
    }

    /**
     * Saves everything needed to continue exactly (the net's specification, weights, optimizer and
     * its state, per-layer rates, frozen layers, counters, seed, history) to one file, atomically.
     * Callbacks are code and are not saved: a loaded learner has the default ones.
     *
     * @param file where to write, e.g. {@code Path.of("sigmoid.layerwise")}
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path save(Path file) throws IOException {
        return LearnerFile.save(this, file);
    }

    /**
     * Reads a learner written by {@link #save(Path)} or a checkpoint. Given the same data, its next
     * {@code fit} takes the same steps as the saved learner would have. The file is checked whole
     * before the learner is made.
     *
     * @param file the file
     * @param data the data to train on, usually the data it was saved with
     * @return the learner
     */
    public static Learner load(Path file, Dataset data) {
        return LearnerFile.load(file, data);
    }

    /**
     * Gradient statistics (and activation statistics) of the current weights on some examples,
     * computed without training: nothing is updated.
     *
     * @param examples e.g. {@code data.subset(1000)}
     * @return the statistics, as one recorded step
     */
    public GradientLog gradientsOn(Dataset examples) {
        if (examples == null) {
            throw new IllegalArgumentException("gradientsOn(null): expected labelled examples, e.g."
                    + " gradientsOn(data.subset(1000)).");
        }
        return GradientProbe.on(this, examples);
    }

    /**
     * Trains for some epochs, continuing from where the last call stopped. A stop (the notebook's
     * Stop button, a thread interrupt, or {@link #stopFit(String)} from a callback) ends training at
     * the next batch boundary with weights and optimizer consistent; the partial history is returned.
     *
     * @param epochs epochs to train, at least 1
     * @return what this call added to the history
     */
    public History fit(int epochs) {
        return TrainingLoop.fit(this, state, epochs);
    }

    /** @return loss and accuracy on the data's test set, or on the training set when it has none */
    public Evaluation evaluate() {
        return evaluate(data.hasTest() ? data.test() : data);
    }

    /**
     * Measures loss and accuracy on a dataset, without training.
     *
     * @param set the examples to measure, e.g. {@code data.test()}
     * @return the evaluation
     */
    public Evaluation evaluate(Dataset set) {
        return new Inference(this).evaluate(set);
    }

    /**
     * Runs the net on a batch on the learner's {@link #device()}, without training.
     *
     * @param x a batch shaped [batch, ...the net's input shape]
     * @return the net's outputs, [batch, outputs]
     */
    public NDArray predict(NDArray x) {
        return new Inference(this).predict(x);
    }

    /**
     * Runs the net on examples given as plain arrays.
     *
     * @param examples each example's values, flattened
     * @return each example's outputs
     */
    public float[][] predict(float[]... examples) {
        return new Inference(this).predict(examples);
    }

    /** @return a copy of every parameter's values, by full name ({@code dense_1.weight}, …) */
    public Map<String, float[]> parameters() {
        return Weights.copyAll(state.model());
    }

    /**
     * A copy of one parameter's values.
     *
     * @param name its full name, e.g. {@code dense_1.weight}
     * @return its values, row-major
     */
    public float[] parameter(String name) {
        return Weights.copy(state.model(), name);
    }

    /**
     * Overwrites one parameter's values, e.g. to carry trained weights into a bigger net.
     *
     * @param name its full name, e.g. {@code hidden_1.weight}
     * @param values its new values, row-major, as many as it has
     * @return this learner
     */
    public Learner parameter(String name, float[] values) {
        Weights.overwrite(state.model(), name, values);
        return this;
    }

    /**
     * The net's outputs for every example of a set, without training, row-major [examples, outputs].
     *
     * @param examples the examples, shaped like the net's input
     * @return the outputs
     */
    public float[] outputs(Examples examples) {
        return outputs(examples, net.layers().get(net.layers().size() - 1).name());
    }

    /**
     * The outputs of one layer for every example of a set, without training (the codes of a hidden
     * layer, or its activations), row-major [examples, the layer's output size].
     *
     * @param examples the examples, shaped like the net's input
     * @param layer the layer whose output to return
     * @return the outputs
     */
    public float[] outputs(Examples examples, String layer) {
        return new Inference(this).outputs(examples, layer);
    }

    @Override
    public History history() {
        return history;
    }

    /** @return the net */
    public Net net() {
        return net;
    }

    /** @return the training data */
    public Dataset data() {
        return data;
    }

    /** @return the loss */
    public Loss loss() {
        return loss;
    }

    /** @return the seed of the initial weights */
    public long seed() {
        return state.seed();
    }

    /** @return the device */
    public Device device() {
        return state.device();
    }

    /** @return steps trained so far */
    public long step() {
        return state.step();
    }

    /** @return complete epochs trained so far */
    public int epoch() {
        return state.epoch();
    }

    /** Frees the native memory now instead of when garbage-collected; the learner is unusable after. */
    @Override
    public void close() {
        state.close();
    }

    /** The training state behind this facade: weights, optimizer state, counters, device data. */
    @Override
    TrainingState state() {
        return state;
    }

    @Override
    public String toString() {
        return "Learner: " + net.layers().size() + " layers, " + String.format("%,d", net.paramCount())
                + " parameters · data " + data.name() + " (" + String.format("%,d", data.size()) + " examples, batch "
                + data.batchSize() + ") · loss " + loss.name() + " · " + optimizer().describe() + " · " + state.device()
                + " · step " + state.step() + ", epoch " + state.epoch() + " · callbacks " + callbacks.names();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
