package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.device.DeviceMismatchException;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.optim.LayerRates;
import dev.layerwise.plot.Marker;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.ParamState;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.GradientWatch;

import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * Trains a net on a dataset and keeps everything training needs between notebook cells: weights,
 * optimizer state, history, callbacks. {@code fit(1)} twice trains two epochs.
 * <pre>{@code
 * var learner = Learner.of(net, data).loss(Loss.softmaxCrossEntropy()).optimizer(Optimizers.sgd(0.1));
 * learner.fit(1);
 * learner.evaluate();
 * }</pre>
 * The learner owns its native memory: there is nothing to close. Its arrays are freed when it is
 * no longer reachable (or at once with {@link #close()}), and each training step frees what it made.
 * Weights are drawn when first needed, from the learner's seed, so the same seed, data order and
 * settings give the same losses on the CPU.
 */
public final class Learner implements Displayable, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Net net;
    private final Dataset data;
    private final NDManager manager;
    private final Cleaner.Cleanable cleanable;
    private final Map<String, ParamState> optimizerState = new LinkedHashMap<>();
    private final Callbacks callbacks = new Callbacks();
    private final History history = new History();
    private final DeviceDataCache deviceData = new DeviceDataCache();
    private Loss loss = Loss.softmaxCrossEntropy();
    private Optimizer optimizer = Optimizers.sgd(0.1);
    private long seed;
    private Device device;
    private Model model;
    private long step;
    private int epoch;
    private boolean validate = true;
    private boolean fitting;
    private long optimizerStart;
    private final LayerControls controls;

    private Learner(Net net, Dataset data) {
        this.net = net;
        this.data = data;
        this.controls = new LayerControls(net);
        this.seed = Layerwise.seed();
        this.device = Layerwise.device();
        Layerwise.engine();
        // The manager only owns lifetimes; each array carries its own device, so a CPU manager serves
        // a learner on any device and stays valid when the learner moves.
        this.manager = NDManager.newBaseManager(Device.cpu());
        NDManager owned = manager;
        this.cleanable = CLEANER.register(this, owned::close);
        callbacks.put("progress", new ProgressBar());
        callbacks.put("chart", new LiveChart());
        if (!data.train().hasLabels()) {
            loss = Loss.mse();
        }
    }

    /**
     * A learner for a net and its data, with softmax cross-entropy and SGD at rate 0.1 until told
     * otherwise.
     *
     * @param net the network
     * @param data the training data (and its test set, if it has one)
     * @return the learner
     */
    public static Learner of(Net net, Dataset data) {
        if (net == null || data == null) {
            throw new IllegalArgumentException("Learner.of(net, data): both are required, got net=" + net
                    + ", data=" + (data == null ? "null" : data.name()) + ".");
        }
        DataCheck.requireFits(net, data);
        DataCheck.requireDrawable(net);
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
     * Sets the optimizer; weights and step count are kept, and the new optimizer starts with fresh
     * state (for example zero momentum).
     *
     * @param newOptimizer e.g. {@code Optimizers.sgd(0.1)}
     * @return this learner
     */
    public Learner optimizer(Optimizer newOptimizer) {
        if (newOptimizer == null) {
            throw new IllegalArgumentException("optimizer(null): expected an optimizer such as Optimizers.sgd(0.1).");
        }
        boolean hadState = optimizerState.values().stream().anyMatch(s -> !s.slots().isEmpty());
        optimizerState.values().forEach(ParamState::close);
        optimizerState.clear();
        if (step > 0) {
            System.out.println("Optimizer: " + optimizer.describe() + " → " + newOptimizer.describe() + " at step "
                    + step + "; weights kept, " + (hadState ? "optimizer state (e.g. momentum) started fresh."
                            : "no optimizer state to carry.") + " Schedules count from here.");
            event("optimizer → " + newOptimizer.describe());
        }
        this.optimizer = newOptimizer;
        this.optimizerStart = step;
        return this;
    }

    /**
     * Multiplies the learning rate of some layers, e.g. {@code layerRate("dense_1", 4)} to let the
     * first layer of a deep sigmoid net learn four times faster. Rules multiply; setting the same
     * name or pattern again replaces its factor.
     *
     * @param layerOrPattern a layer name or a glob such as {@code dense_*}
     * @param factor the multiplier, at least 0
     * @return this learner
     */
    public Learner layerRate(String layerOrPattern, double factor) {
        controls.rate(layerOrPattern, factor);
        event("layer rate " + layerOrPattern + " × " + factor);
        return this;
    }

    /**
     * Multiplies each layer's learning rate by a function of its depth (1 = the first layer with
     * parameters), e.g. {@code d -> Math.pow(2, 4 - d)}.
     *
     * @param byDepth the multiplier at each depth
     * @return this learner
     */
    public Learner layerRatesByDepth(IntToDoubleFunction byDepth) {
        controls.byDepth(byDepth);
        event("layer rates by depth");
        return this;
    }

    /**
     * Replaces all per-layer rate rules.
     *
     * @param rates e.g. {@code LayerRates.none()} to go back to one rate for all
     * @return this learner
     */
    public Learner layerRates(LayerRates rates) {
        controls.rates(rates);
        event(controls.rates().toString());
        return this;
    }

    /** @return the per-layer rate rules */
    public LayerRates layerRates() {
        return controls.rates();
    }

    /**
     * Stops some layers from learning: their weights stay exactly as they are until unfrozen.
     *
     * @param layersOrPatterns layer names or globs
     * @return this learner
     */
    public Learner freeze(String... layersOrPatterns) {
        controls.freeze(true, "freeze", layersOrPatterns);
        event("freeze " + String.join(", ", layersOrPatterns));
        return this;
    }

    /**
     * Lets frozen layers learn again.
     *
     * @param layersOrPatterns layer names or globs
     * @return this learner
     */
    public Learner unfreeze(String... layersOrPatterns) {
        controls.freeze(false, "unfreeze", layersOrPatterns);
        event("unfreeze " + String.join(", ", layersOrPatterns));
        return this;
    }

    /** @return the names of the frozen layers */
    public Set<String> frozenLayers() {
        return controls.frozen();
    }

    private void event(String label) {
        history.add(new TrainingEvent(step, label));
    }

    /**
     * Sets the seed that draws the initial weights and dropout masks. Must come before training.
     *
     * @param newSeed any value
     * @return this learner
     */
    public Learner seed(long newSeed) {
        requireUntrained("seed(" + newSeed + ")");
        this.seed = newSeed;
        resetModel();
        return this;
    }

    /**
     * Moves the learner to a device, before or between {@code fit} calls: weights and optimizer
     * state (momentum, squared-gradient averages) are copied there and the old copies freed; the
     * data goes to the new device at its next use. History and statistics are plain numbers and
     * need no move. Training continues where it stopped, as if it had never moved (up to the
     * devices' rounding). A GPU that cannot be used is refused with the reason, and nothing changes.
     *
     * @param newDevice e.g. {@code Device.gpu()} or {@code Device.cpu()}
     * @return this learner
     * @throws dev.layerwise.device.GpuUnavailableException when the GPU is not usable
     */
    public Learner device(Device newDevice) {
        if (newDevice == null) {
            throw new IllegalArgumentException("device(null): expected a device such as Device.cpu() or Device.gpu().");
        }
        if (fitting) {
            throw new IllegalStateException("device(" + newDevice + ") cannot change while fit(...) runs on " + device
                    + "; call it between fit calls.");
        }
        if (!newDevice.equals(device)) {
            relocate(Layerwise.requireUsable(newDevice, "learner.device(" + newDevice + ")"));
        }
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
        Device from = device;
        int moved = model == null ? 0 : DeviceMove.move(model, optimizerState, to);
        deviceData.clear();
        this.device = to;
        if (model != null) {
            System.out.println("Learner moved " + from + " → " + to + ": " + moved + " arrays (weights and optimizer"
                    + " state); the data follows at its next use; history and statistics need no move.");
            if (step > 0) {
                event("device → " + to);
            }
        }
    }

    /**
     * Whether to measure the test set after each epoch (on by default when the data has one).
     *
     * @param on false to skip it
     * @return this learner
     */
    public Learner validate(boolean on) {
        this.validate = on;
        return this;
    }

    private void requireUntrained(String what) {
        if (step > 0) {
            throw new IllegalStateException(what + " must be set before training; this learner has trained "
                    + step + " steps. Create a new learner: Learner.of(net, data)." + what.replaceAll("\\(.*", "(…)"));
        }
    }

    private void resetModel() {
        model = null;
        optimizerState.values().forEach(ParamState::close);
        optimizerState.clear();
        deviceData.clear();
    }

    /**
     * Registers a callback under a name; one already under that name is replaced, and the
     * replacement is reported.
     *
     * @param name its name, e.g. {@code progress}
     * @param callback the callback
     * @return a handle to remove it
     */
    public Registration callback(String name, Callback callback) {
        return callbacks.register(name, callback);
    }

    /**
     * Records gradient statistics while training, under the callback name {@code "gradients"};
     * watching again replaces the earlier recorder and starts a new log.
     *
     * @param watch what to record, e.g. {@code Gradients.perLayer()}
     * @return this learner
     */
    public Learner watch(GradientWatch watch) {
        if (watch == null) {
            throw new IllegalArgumentException("watch(null): expected e.g. Gradients.perLayer().");
        }
        callback("gradients", new GradientRecorder(watch));
        return this;
    }

    /** @return the gradient statistics recorded so far by {@link #watch(GradientWatch)} */
    public GradientLog gradients() {
        Callback c = callbacks.get("gradients");
        if (!(c instanceof GradientRecorder)) {
            throw new IllegalStateException("No gradients recorded: call learner.watch(Gradients.perLayer())"
                    + " before fit(...).");
        }
        return ((GradientRecorder) c).log();
    }

    /**
     * Switches off the progress bar and the live chart, for scripts, tests and benchmarks.
     *
     * @return this learner
     */
    public Learner quiet() {
        removeCallback("progress");
        removeCallback("chart");
        return this;
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

    /** @return optimizer switches and other changes as chart markers */
    public List<Marker> markers() {
        return history.events().stream().map(e -> new Marker(e.step(), e.label())).toList();
    }

    /**
     * Removes a callback by name, e.g. {@code "progress"} to train silently.
     *
     * @param name its name
     * @return whether one was removed
     */
    public boolean removeCallback(String name) {
        return callbacks.remove(name);
    }

    /** @return the names of the registered callbacks, in calling order */
    public List<String> callbackNames() {
        return callbacks.names();
    }

    /**
     * A registered callback.
     *
     * @param name its name
     * @return the callback, or {@code null}
     */
    public Callback callback(String name) {
        return callbacks.get(name);
    }

    /**
     * Trains for some epochs, continuing from where the last call stopped. A stop request (the
     * notebook's Stop button, or a thread interrupt) ends training at the next batch boundary with
     * weights and optimizer consistent; the partial history is returned.
     *
     * @param epochs epochs to train, at least 1
     * @return what this call added to the history
     */
    public History fit(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("fit(" + epochs + "): train at least 1 epoch.");
        }
        ScheduleCheck.requireUsable("fit(" + epochs + ")", optimizer, optimizerStep(),
                (long) epochs * data.batchesPerEpoch());
        model();
        fitting = true;
        try {
            return new TrainingLoop(this).run(epochs);
        } finally {
            fitting = false;
        }
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
        if (set == null) {
            throw new IllegalArgumentException("evaluate(null): expected a data set, e.g. evaluate(data.test()), or"
                    + " evaluate() for this learner's own test set.");
        }
        return new Inference(this).evaluate(set);
    }

    /**
     * Runs the net on a batch, without training. The result belongs to the input's manager.
     * The batch must be on the learner's device ({@link #device()}).
     *
     * @param x a batch shaped [batch, ...the net's input shape]
     * @return the net's outputs, [batch, outputs]
     */
    public NDArray predict(NDArray x) {
        if (x != null && !x.getDevice().equals(device)) {
            throw new DeviceMismatchException("predict(x)", x.getDevice(), device, "Move the batch,"
                    + " predict(x.toDevice(learner.device(), false)), or the learner, learner.device(x.getDevice()).");
        }
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
        return Weights.copyAll(model());
    }

    /**
     * A copy of one parameter's values.
     *
     * @param name its full name, e.g. {@code dense_1.weight}
     * @return its values, row-major
     */
    public float[] parameter(String name) {
        return Weights.copy(model(), name);
    }

    /**
     * Overwrites one parameter's values, e.g. to carry trained weights into a bigger net.
     *
     * @param name its full name, e.g. {@code hidden_1.weight}
     * @param values its new values, row-major, as many as it has
     * @return this learner
     */
    public Learner parameter(String name, float[] values) {
        Weights.overwrite(model(), name, values);
        return this;
    }

    /**
     * The net's outputs for every example of a set, without training, as one row-major array of
     * [examples, outputs] — for example the codes of an encoder.
     *
     * @param examples the examples, shaped like the net's input
     * @return the outputs
     */
    public float[] outputs(Examples examples) {
        return outputs(examples, net.layers().get(net.layers().size() - 1).name());
    }

    /**
     * The outputs of one layer for every example of a set, without training: the codes of a hidden
     * layer, or its activations. Row-major [examples, the layer's output size].
     *
     * @param examples the examples, shaped like the net's input
     * @param layer the layer whose output to return
     * @return the outputs
     */
    public float[] outputs(Examples examples, String layer) {
        if (examples == null) {
            throw new IllegalArgumentException("outputs(null, …): expected examples shaped like the net's input"
                    + ", e.g. data.train().subset(100).");
        }
        return new Inference(this).outputs(examples, layer);
    }

    /** @return the whole history of this learner */
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

    /** @return the optimizer */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the seed of the initial weights */
    public long seed() {
        return seed;
    }

    /** @return the device */
    public Device device() {
        return device;
    }

    /** @return steps trained so far */
    public long step() {
        return step;
    }

    /** @return complete epochs trained so far */
    public int epoch() {
        return epoch;
    }

    /** @return the parameters' specifications, with resolved initializers */
    public List<ParamSpec> parameterSpecs() {
        return net.parameters();
    }

    /**
     * Frees the native memory now instead of when the learner is garbage-collected. The learner
     * cannot be used afterwards.
     */
    @Override
    public void close() {
        cleanable.clean();
    }

    // -- used by the training loop ------------------------------------------------------------

    Model model() {
        if (model == null) {
            try (NDScope scope = new NDScope()) {
                model = new Model(net, manager, device, seed);
                model.arrays().values().forEach(NDScope::unregister);
            }
        }
        return model;
    }

    DeviceData deviceData(Examples examples) {
        return deviceData.get(examples, data.train(), manager, device);
    }

    long optimizerStep() {
        return step - optimizerStart;
    }

    ParamUpdate updateRule(String parameter) {
        return controls.updateRule(model().specs(), parameter);
    }

    ParamState optimizerState(String parameter) {
        return optimizerState.computeIfAbsent(parameter, k -> new ParamState());
    }

    NDManager manager() {
        return manager;
    }

    /** The optimizer state by parameter name, read-only; for tests that check a rejected call changed nothing. */
    Map<String, ParamState> optimizerStates() {
        return java.util.Collections.unmodifiableMap(optimizerState);
    }

    Callbacks callbacks() {
        return callbacks;
    }

    boolean validates() {
        return validate;
    }

    void completeStep() {
        step++;
    }

    void completeEpoch() {
        epoch++;
    }

    /** Native arrays this learner holds now: weights, optimizer state and data on the device. */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public String toString() {
        return "Learner: " + net.layers().size() + " layers, " + String.format("%,d", net.paramCount())
                + " parameters · data " + data.name() + " (" + String.format("%,d", data.size()) + " examples, batch "
                + data.batchSize() + ") · loss " + loss.name() + " · " + optimizer.describe() + " · " + device
                + " · step " + step + ", epoch " + epoch + " · callbacks " + callbacks.names();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
