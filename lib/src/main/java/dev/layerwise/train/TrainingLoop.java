package dev.layerwise.train;

import dev.layerwise.interrupt.Interrupts;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.layerwise.data.Dataset;
import dev.layerwise.loss.Loss;
import dev.layerwise.optim.Optimizer;

import java.util.HashMap;
import java.util.Map;

/**
 * The loop behind {@link Learner#fit(int)}: shuffle once per epoch, slice batches, forward,
 * backward, callbacks, update. Every array a step makes lives in that step's scope and is freed
 * when the step ends; a stop request is honoured between batches.
 */
final class TrainingLoop {
    private final Learner learner;

    TrainingLoop(Learner learner) {
        this.learner = learner;
    }

    History run(int epochs) {
        Dataset data = learner.data();
        Model model = learner.model();
        History part = new History();
        int batches = data.batchesPerEpoch();
        Callbacks callbacks = learner.callbacks();
        Throwable failure = null;
        JniUtils.setSeed(learner.seed() * 31 + learner.step());
        try (Interrupts.LoopGuard guard = Interrupts.enterLoop()) {
            callbacks.each(c -> c.fitStarted(learner, epochs, (long) epochs * batches));
            for (int e = 0; e < epochs && !part.stopped(); e++) {
                runEpoch(data, model, batches, part);
            }
        } catch (RuntimeException | Error ex) {
            failure = ex;
            throw ex;
        } finally {
            learner.history().addAll(part);
            try {
                callbacks.each(c -> c.fitEnded(part));
            } catch (RuntimeException ex) {
                if (failure == null) {
                    throw ex;
                }
                failure.addSuppressed(ex);
            }
        }
        return part;
    }

    private void runEpoch(Dataset data, Model model, int batches, History part) {
        int epoch = learner.epoch() + 1;
        learner.callbacks().each(c -> c.epochStarted(epoch));
        long examples = 0;
        double lossSum = 0;
        double correctSum = 0;
        DeviceData train = learner.deviceData(data.train()); // uploaded once per learner, not timed
        long start = System.nanoTime();
        try (NDScope epochScope = new NDScope()) {
            DeviceData.Ordered ordered = train.ordered(data.epochOrder(epoch - 1));
            int n = data.size();
            int batchSize = data.batchSize();
            for (int b = 0; b < batches; b++) {
                if (Interrupts.stopRequested()) {
                    part.markStopped();
                    break;
                }
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                StepRecord record = step(model, ordered, from, to, epoch, b + 1, batches);
                part.add(record);
                examples += record.batchSize();
                lossSum += record.loss() * record.batchSize();
                correctSum += record.accuracy() * record.batchSize();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean complete = !part.stopped();
        if (complete) {
            learner.completeEpoch();
        }
        Evaluation test = complete && learner.validates() && data.hasTest() ? learner.evaluate(data.test()) : null;
        EpochRecord record = new EpochRecord(epoch, examples == 0 ? Double.NaN : lossSum / examples,
                examples == 0 ? Double.NaN : correctSum / examples,
                test == null ? Double.NaN : test.loss(), test == null ? Double.NaN : test.accuracy(),
                seconds, examples / Math.max(seconds, 1e-9), examples, complete);
        if (examples > 0) {
            part.add(record);
            learner.callbacks().each(c -> c.epochEnded(record));
        }
    }

    private StepRecord step(Model model, DeviceData.Ordered ordered, int from, int to, int epoch, int batch, int batches) {
        long t0 = System.nanoTime();
        long stepNumber = learner.step() + 1;
        Loss loss = learner.loss();
        Optimizer optimizer = learner.optimizer();
        long t = learner.optimizerStep();
        ScheduleCheck.requireAt("fit, step " + stepNumber, optimizer, t); // before any native work of this step
        try (NDScope scope = new NDScope()) {
            DeviceData.Batch rows = ordered.batch(from, to);
            NDArray x = rows.x();
            BatchTargets targets = rows.targets();
            boolean fused = loss.fusesFinalSigmoid() && model.endsWithSigmoid();
            NDArray out;
            NDArray lossArray;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                out = model.forward(x, true, fused);
                lossArray = fused ? loss.computeFromLogits(out, targets) : loss.compute(out, targets);
                collector.backward(lossArray);
            }
            double lossValue = lossArray.toFloatArray()[0]; // a fifth of getFloat's cost
            double accuracy = accuracy(out, targets.labelsOrNull(), to - from);
            Map<String, NDArray> grads = new HashMap<>();
            Step ctx = new Step(stepNumber, epoch, batch, batches, lossValue, model, grads);
            if (!Double.isFinite(lossValue)) {
                model.trainable().values().forEach(w -> JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) w));
                throw new NonFiniteLossException(stepNumber, epoch, lossValue, optimizer.describe());
            }
            learner.callbacks().each(c -> c.afterBackward(ctx));
            double lr = optimizer.learningRate().at(t);
            double momentum = optimizer.momentum() == null ? Double.NaN : optimizer.momentum().at(t);
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                for (Map.Entry<String, NDArray> p : model.trainable().entrySet()) {
                    NDArray w = p.getValue();
                    ParamUpdate rule = learner.updateRule(p.getKey());
                    if (!rule.frozen()) {
                        optimizer.update(w, ctx.gradient(p.getKey()), learner.optimizerState(p.getKey()),
                                rule.rateScale(), t);
                    }
                    JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) w);
                }
            } finally {
                JniUtils.setGradMode(gradMode);
            }
            learner.completeStep();
            StepRecord record = new StepRecord(stepNumber, epoch, lossValue, accuracy, to - from,
                    (System.nanoTime() - t0) / 1e6, lr, momentum);
            learner.callbacks().each(c -> c.stepEnded(record, ctx));
            return record;
        }
    }

    /** The fraction of rows whose largest output is the label; NaN for data without labels. */
    static double accuracy(NDArray out, NDArray labels, int rows) {
        return labels == null ? Double.NaN : out.argMax(1).eq(labels).countNonzero().toLongArray()[0] / (double) rows;
    }

    /** The step as callbacks see it; gradients are fetched once and closed with the step's scope. */
    private final class Step implements StepContext {
        private final long step;
        private final int epoch;
        private final int batch;
        private final int batches;
        private final double loss;
        private final Model model;
        private final Map<String, NDArray> grads;

        Step(long step, int epoch, int batch, int batches, double loss, Model model, Map<String, NDArray> grads) {
            this.step = step;
            this.epoch = epoch;
            this.batch = batch;
            this.batches = batches;
            this.loss = loss;
            this.model = model;
            this.grads = grads;
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
        public double loss() {
            return loss;
        }

        @Override
        public Map<String, NDArray> parameters() {
            return model.trainable();
        }

        @Override
        public NDArray gradient(String parameter) {
            NDArray g = grads.get(parameter);
            if (g == null) {
                NDArray w = model.trainable().get(parameter);
                if (w == null) {
                    throw new IllegalArgumentException("No trainable parameter '" + parameter + "'. Parameters: "
                            + model.trainable().keySet() + ".");
                }
                g = w.getGradient();
                grads.put(parameter, g);
            }
            return g;
        }
    }
}
