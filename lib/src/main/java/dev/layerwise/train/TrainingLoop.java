package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.layerwise.data.Dataset;
import dev.layerwise.engine.Torch;
import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.loss.Loss;
import dev.layerwise.optim.Optimizer;

/**
 * The loop behind {@link Learner#fit(int)}: batches go forward, through the loss, backward and
 * through the update rule; everything else (history, metrics, validation, the non-finite-loss
 * guard, progress, charts, statistics) is a callback announced at each {@link Event}. Every array
 * a step makes lives in that step's scope and is freed when the step ends; a stop is honoured
 * between batches.
 */
final class TrainingLoop {
    private final Learner learner;
    private final TrainingState state;
    private final Callbacks callbacks;
    private FitThreads threads;

    TrainingLoop(Learner learner, TrainingState state, Callbacks callbacks) {
        this.learner = learner;
        this.state = state;
        this.callbacks = callbacks;
    }

    /**
     * All of {@link Learner#fit(int)}: checks the epochs and that the optimizer's schedule lasts them,
     * builds the model, marks the run for {@code stopFit} and runs it.
     */
    static History fit(Learner learner, TrainingState state, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("fit(" + epochs + "): train at least 1 epoch.");
        }
        ScheduleCheck.requireUsable("fit(" + epochs + ")", learner.optimizer(), state.optimizerStep(),
                (long) epochs * learner.data().batchesPerEpoch());
        state.model();
        FitRun run = new FitRun(learner, state, epochs, BatchPlan.batchesPerEpoch(learner));
        learner.running(run);
        try {
            return new TrainingLoop(learner, state, learner.callbacks).run(run, epochs);
        } finally {
            learner.running(null);
        }
    }

    /** Runs the epochs, announcing each event; returns this call's part of the history. */
    History run(FitRun run, int epochs) {
        Torch.seed(state.seed() * 31 + state.step());
        Throwable failure = null;
        try (Interrupts.LoopGuard guard = Interrupts.enterLoop();
                FitThreads fitThreads = FitThreads.choose(learner.net().paramCount(), learner.data().batchSize())) {
            threads = fitThreads;
            callbacks.fire(Event.FIT_START, run);
            for (int e = 0; e < epochs && !run.stopChecked(); e++) {
                runEpoch(learner.data(), run);
            }
            if (run.stopping()) {
                run.stopChecked(); // a stop asked for at the last epoch's end still says why in the history
            }
        } catch (RuntimeException | Error ex) {
            failure = ex;
            throw ex;
        } finally {
            RuntimeException ended = callbacks.fireAll(Event.FIT_END, run);
            if (ended != null) {
                if (failure == null) {
                    throw ended;
                }
                failure.addSuppressed(ended);
            }
        }
        return run.history();
    }

    private void runEpoch(Dataset data, FitRun run) {
        int epoch = state.epoch() + 1;
        run.startEpoch(epoch);
        callbacks.fire(Event.EPOCH_START, run);
        long examples = 0;
        long start = System.nanoTime();
        try (NDScope epochScope = new NDScope();
                EpochBatches batches = EpochBatches.of(state, data, epoch - 1, learner.device())) {
            int n = data.size();
            int batchSize = data.batchSize();
            for (int b = 0; b < run.batchesPerEpoch() && !run.stopChecked(); b++) {
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                step(batches, from, to, b + 1, run);
                examples += to - from;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean complete = !run.history().stopped();
        if (complete) {
            state.completeEpoch();
        }
        if (examples > 0) {
            EpochFigures figures = new EpochFigures(epoch, complete, examples, seconds);
            run.measuring(figures);
            callbacks.fire(Event.EPOCH_MEASURE, run);
            if (figures.test() != null) {
                callbacks.fire(Event.VALIDATION_END, run);
            }
            run.ended(figures.toRecord());
            callbacks.fire(Event.EPOCH_END, run);
        }
    }

    private void step(EpochBatches batches, int from, int to, int batch, FitRun run) {
        Optimizer optimizer = learner.optimizer();
        Loss loss = learner.loss();
        long t = state.optimizerStep();
        ScheduleCheck.requireAt("fit", state.step() + 1, optimizer, t); // before any native work of this step
        Model model = state.model();
        threads.beforeStep();
        try (NDScope scope = new NDScope()) {
            DeviceData.Batch rows = batches.batch(from, to);
            run.startStep(state.step() + 1, batch, rows, optimizer, t);
            callbacks.fire(Event.BATCH_START, run);
            boolean fused = loss.fusesFinalSigmoid() && model.endsWithSigmoid();
            try (GradientCollector collector = Torch.gradientCollector()) {
                NDArray out = model.forward(rows.x(), true, fused);
                NDArray lossArray = fused ? loss.computeFromLogits(out, rows.targets()) : loss.compute(out, rows.targets());
                Torch.backward(lossArray);
                run.forwardDone(out, lossArray);
            }
            callbacks.fire(Event.AFTER_BACKWARD, run);
            state.updateRule(optimizer).apply(model.trainable(), run::gradient, t);
            state.completeStep();
            callbacks.fire(Event.STEP_END, run);
        } finally {
            run.endStep();
        }
    }
}
