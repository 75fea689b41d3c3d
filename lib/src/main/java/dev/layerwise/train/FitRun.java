package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.HostReads;
import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.optim.Optimizer;

import java.util.Map;

/**
 * One {@code fit} call as callbacks see it: the {@link TrainingContext} the loop hands to every
 * event, with the current step's arrays while a step runs. Step values are computed on first
 * request and kept for the rest of the step.
 */
final class FitRun implements TrainingContext {
    private final Learner learner;
    private final TrainingState state;
    private final int epochsPlanned;
    private final int batches;
    private final History part = new History();
    private volatile String stopReason;
    private Event event;
    private int epoch;
    // the current step; null or NaN outside one
    private long step;
    private int batch;
    private DeviceData.Batch rows;
    private NDArray output;
    private NDArray lossArray;
    private NDArray predictions;
    private double loss = Double.NaN;
    private double accuracy = Double.NaN;
    private long startNanos;
    private Optimizer optimizer;
    private long optimizerStep;
    private StepRecord record;
    // the epoch's end
    private EpochFigures figures;
    private EpochRecord epochRecord;

    FitRun(Learner learner, TrainingState state, int epochs, int batches) {
        this.learner = learner;
        this.state = state;
        this.epochsPlanned = epochs;
        this.batches = batches;
        this.step = state.step();
    }

    void at(Event now) {
        event = now;
    }

    /** Whether to end now, at a batch or epoch boundary; marks the history stopped when so. */
    boolean stopChecked() {
        boolean button = Interrupts.stopRequested();
        if (button || stopReason != null) {
            part.markStopped(button ? "stop requested (the notebook's Stop or a thread interrupt)" : stopReason);
            return true;
        }
        return false;
    }

    void startEpoch(int number) {
        epoch = number;
        figures = null;
        epochRecord = null;
    }

    void startStep(long number, int batchNumber, DeviceData.Batch batchRows, Optimizer opt, long t) {
        step = number;
        batch = batchNumber;
        rows = batchRows;
        optimizer = opt;
        optimizerStep = t;
        startNanos = System.nanoTime();
    }

    void forwardDone(NDArray out, NDArray batchLoss) {
        output = out;
        lossArray = batchLoss;
    }

    /** Forgets the step's arrays, which its scope has closed. */
    void endStep() {
        rows = null;
        output = null;
        lossArray = null;
        predictions = null;
        record = null;
        loss = Double.NaN;
        accuracy = Double.NaN;
    }

    void measuring(EpochFigures f) {
        figures = f;
    }

    void ended(EpochRecord r) {
        epochRecord = r;
    }

    EpochFigures figures() {
        return figures;
    }

    long stepsPlanned() {
        return (long) epochsPlanned * batches;
    }

    /** The step's predicted classes (one native op, on first request); null outside a step. */
    NDArray predictions() {
        if (predictions == null && output != null) {
            predictions = output.argMax(1);
        }
        return predictions;
    }

    /** The step's labels, or null for data without them (or outside a step). */
    NDArray labels() {
        return rows == null ? null : rows.targets().labelsOrNull();
    }

    @Override
    public StepRecord stepRecord() {
        if (record == null && rows != null) {
            int size = Math.toIntExact(rows.x().getShape().get(0));
            record = new StepRecord(step, epoch, loss(), accuracy, size, (System.nanoTime() - startNanos) / 1e6,
                    optimizer.learningRate().at(optimizerStep) * state.rateFactor(),
                    optimizer.momentum() == null ? Double.NaN : optimizer.momentum().at(optimizerStep));
        }
        return record;
    }

    @Override
    public double loss() {
        if (Double.isNaN(loss) && lossArray != null) {
            loss = HostReads.scalar(lossArray);
        }
        return loss;
    }

    @Override
    public double accuracy() {
        NDArray labels = labels();
        if (Double.isNaN(accuracy) && labels != null && output != null) {
            long right = HostReads.longs(predictions().eq(labels).countNonzero())[0];
            accuracy = right / (double) labels.getShape().get(0);
        }
        return accuracy;
    }

    @Override
    public NDArray gradient(String parameter) {
        NDArray w = state.model().trainable().get(parameter);
        if (w == null) {
            throw new IllegalArgumentException("No trainable parameter '" + parameter + "'. Parameters: "
                    + state.model().trainable().keySet() + ".");
        }
        return state.gradient(parameter, w);
    }

    @Override
    public Map<String, NDArray> parameters() {
        return state.model().trainable();
    }

    @Override
    public void stop(String reason) {
        stopReason = reason == null || reason.isBlank() ? "stopped by a callback" : reason;
    }

    @Override
    public boolean stopping() {
        return stopReason != null;
    }

    @Override
    public Event event() {
        return event;
    }

    @Override
    public Learner learner() {
        return learner;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int batchesPerEpoch() {
        return batches;
    }

    @Override
    public int epochsPlanned() {
        return epochsPlanned;
    }

    @Override
    public History history() {
        return part;
    }

    @Override
    public EpochRecord epochRecord() {
        return epochRecord;
    }

    @Override
    public Evaluation evaluation() {
        return figures == null ? null : figures.test();
    }
}
