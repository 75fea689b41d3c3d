package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.ParamState;

import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What training changes and keeps between {@code fit} calls, apart from the notebook-facing
 * settings: the native memory and its cleaner, the model's arrays, the optimizer's state by
 * parameter name, the step and epoch counters, and the data copied to the device. The
 * {@link Learner} is the facade over it; the {@link TrainingLoop} and inference work on it.
 */
final class TrainingState implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Net net;
    private final Dataset data;
    private final NDManager manager;
    private final Cleaner.Cleanable cleanable;
    private final Map<String, ParamState> optimizerState = new LinkedHashMap<>();
    /** Handles to each parameter's gradient, kept across steps: libtorch accumulates into the same tensor. */
    private final Map<String, NDArray> gradients = new HashMap<>();
    private final DeviceDataCache deviceData = new DeviceDataCache();
    private final LayerControls controls;
    private long seed;
    private Device device;
    private Model model;
    private long step;
    private int epoch;
    private long optimizerStart;
    /** The learning-rate multiplier reduce-on-plateau lowers; 1 until then and again when the optimizer is set. */
    private double rateFactor = 1;
    /** The learner whose device copy of the data this one reads (a range-test copy), or null. */
    private TrainingState dataOwner;
    private final java.util.Set<String> notes = new java.util.HashSet<>();

    TrainingState(Net net, Dataset data, long seed, Device device) {
        this.net = net;
        this.data = data;
        this.seed = seed;
        this.device = device;
        this.controls = new LayerControls(net);
        // The manager only owns lifetimes; each array carries its own device, so a CPU manager serves
        // a learner on any device and stays valid when the learner moves.
        this.manager = NDManager.newBaseManager(Device.cpu());
        NDManager owned = manager;
        DeviceDataCache copies = deviceData;
        this.cleanable = CLEANER.register(this, () -> {
            copies.clear(); // a background copy still writing finishes before its memory goes
            owned.close();
        });
        prefetchData();
    }

    /**
     * Starts copying the training set (unless it is augmented anew each epoch) and the held-out set
     * into native memory on a background thread, so that they are usually there by the first
     * {@code fit} (in a notebook, the next cell); on the CPU only, where the copy is the whole cost.
     */
    private void prefetchData() {
        if (!Device.Type.CPU.equals(device.getDeviceType())) {
            return;
        }
        if (data.augmentation().isEmpty()) {
            deviceData.prefetch(data.train(), data.train(), manager);
        }
        if (data.hasHeldOut()) {
            deviceData.prefetch(data.heldOut().train(), data.train(), manager);
        }
    }

    /** The model, drawn from the initializers with the seed on first use. */
    Model model() {
        if (model == null) {
            try (NDScope scope = new NDScope()) {
                model = new Model(net, manager, device, seed);
                model.arrays().values().forEach(NDScope::unregister);
            }
        }
        return model;
    }

    /**
     * A parameter's gradient after backward. The handle is made once and kept outside every step's
     * scope: the update rule clears gradients in place, so libtorch adds each backward into the same
     * tensor and the handle stays valid until the weights themselves are replaced.
     *
     * @param parameter the full name
     * @param weight the parameter's array
     * @return its gradient
     */
    NDArray gradient(String parameter, NDArray weight) {
        NDArray g = gradients.get(parameter);
        if (g == null) {
            g = weight.getGradient();
            NDScope.unregister(g);
            gradients.put(parameter, g);
        }
        return g;
    }

    private void forgetGradients() {
        gradients.values().forEach(NDArray::close);
        gradients.clear();
    }

    /** A new seed before training: the weights will be drawn again from it. */
    void reseed(long newSeed) {
        if (step > 0) {
            throw new IllegalStateException("seed(" + newSeed + ") must be set before training; this learner has"
                    + " trained " + step + " steps. Create a new learner: Learner.of(net, data).seed(…).");
        }
        reset(newSeed);
    }

    /** Forgets the weights and optimizer state, so that the next use draws them again. */
    void reset(long newSeed) {
        seed = newSeed;
        forgetGradients();
        model = null;
        clearOptimizerState();
        restartScheduleClock();
        rateFactor = 1; // the data's copy stays: the seed draws weights and masks, not the data
    }

    /** @return whether there was state to drop (momentum and the like) */
    boolean clearOptimizerState() {
        boolean had = optimizerState.values().stream().anyMatch(s -> !s.slots().isEmpty());
        optimizerState.values().forEach(ParamState::close);
        optimizerState.clear();
        return had;
    }

    /** Makes the next step the optimizer's step 0: its schedules start again. */
    void restartScheduleClock() {
        optimizerStart = step;
    }

    /** Copies weights and optimizer state to a device and drops the device data; returns arrays moved. */
    int moveTo(Device to) {
        forgetGradients(); // the weights are replaced by copies with gradients of their own
        int moved = model == null ? 0 : DeviceMove.move(model, optimizerState, to);
        deviceData.clear();
        device = to;
        return moved;
    }

    /** Moves to a device, says so, and notes it as a training event once there are steps to mark. */
    void relocate(Device to, java.util.function.Consumer<String> event) {
        Device from = device;
        int moved = moveTo(to);
        if (moved > 0) {
            System.out.println("Learner moved " + from + " → " + to + ": " + moved + " arrays (weights and optimizer"
                    + " state); the data follows at its next use; history and statistics need no move.");
            if (step > 0) {
                event.accept("device → " + to);
            }
        }
    }

    DeviceData deviceData(Examples examples) {
        return dataOwner != null ? dataOwner.deviceData(examples) : deviceData.get(examples, data.train(), manager, device);
    }

    /** The copy of a set into native CPU memory, possibly still being made in the background. */
    DataUpload upload(Examples examples) {
        return dataOwner != null ? dataOwner.upload(examples) : deviceData.upload(examples, data.train(), manager);
    }

    /** Makes a set's native copy only when it is awaited: for tests of the first steps' host path. */
    void copyOnDemand(Examples examples) {
        deviceData.copyOnDemand(examples, manager);
    }

    /** Reads another state's device data instead of copying the data again: for a short-lived twin on the same device. */
    void borrowDeviceData(TrainingState owner) {
        deviceData.clear(); // its own copies, begun when it was made, are not needed
        dataOwner = owner;
    }

    /** The update rule for this step: the optimizer with per-layer rates and frozen layers. */
    UpdateRule updateRule(Optimizer optimizer) {
        return new UpdateRule(optimizer, controls, model().specs(), this::optimizerState, rateFactor);
    }

    /** @return the multiplier of the optimizer's rate set by reduce-on-plateau (1 when none) */
    double rateFactor() {
        return rateFactor;
    }

    /** Scales the optimizer's rate from the next step on, keeping its state. */
    void rateFactor(double factor) {
        rateFactor = factor;
    }

    ParamState optimizerState(String parameter) {
        return optimizerState.computeIfAbsent(parameter, k -> new ParamState());
    }

    /** The optimizer state by parameter name, read-only. */
    Map<String, ParamState> optimizerStates() {
        return Collections.unmodifiableMap(optimizerState);
    }

    LayerControls controls() {
        return controls;
    }

    NDManager manager() {
        return manager;
    }

    Net net() {
        return net;
    }

    long seed() {
        return seed;
    }

    Device device() {
        return device;
    }

    long step() {
        return step;
    }

    int epoch() {
        return epoch;
    }

    /** Steps since the optimizer was set: the time its schedules see. */
    long optimizerStep() {
        return step - optimizerStart;
    }

    /** @return true the first time a note of this kind is asked for, so that it is said once per learner */
    boolean noteOnce(String kind) {
        return notes.add(kind);
    }

    /** Puts the counters where a saved learner had them. */
    void restoreCounters(long steps, int epochs, long stepsWithThisOptimizer) {
        step = steps;
        epoch = epochs;
        optimizerStart = steps - stepsWithThisOptimizer;
    }

    void completeStep() {
        step++;
    }

    void completeEpoch() {
        epoch++;
    }

    /** Native arrays held now: weights, optimizer state and data on the device. */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        cleanable.clean();
    }
}
