package dev.layerwise.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The baseline: each workload written by hand with DJL's own API, the way DJL's documentation
 * teaches it ({@link SequentialBlock}, {@link Trainer}, {@link ArrayDataset}, {@link EasyTrain}).
 * The sigmoid workload records the same per-layer statistics as Layerwise's recorder, by hand.
 */
final class DjlRun {
    private DjlRun() {}

    /**
     * @param steadyEpochs epochs timed after the first
     * @param seed the engine's random seed: initial weights and the shuffle order
     */
    static RunResult run(Workload w, int threads, int examples, int warmupBatches, int steadyEpochs, long seed) {
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch before the first JNI call
        JniUtils.setNumThreads(threads);
        Engine.getInstance().setRandomSeed((int) seed);
        FashionData data = FashionData.load(examples);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape sample = w.takesImages() ? new Shape(1, 28, 28) : new Shape(784);
            int warmRows = warmupBatches <= 0 ? data.trainSize() : Math.min(data.trainSize(), warmupBatches * w.batchSize);
            float[] warmX = java.util.Arrays.copyOf(data.trainX, warmRows * 784);
            ArrayDataset warm = dataset(manager, warmX, java.util.Arrays.copyOf(data.trainY, warmRows), sample,
                    w.batchSize);
            for (int m = 0; m < RunResult.WARMUP_MODELS; m++) {
                try (Model model = model(w); Trainer trainer = trainer(model, w, sample)) {
                    epoch(trainer, warm, null);
                }
            }
            long t0 = System.nanoTime(); // the first epoch: from the data set's NDArrays to the epoch's end
            double c0 = RunResult.threadCpu();
            ArrayDataset train = dataset(manager, data.trainX, data.trainY, sample, w.batchSize);
            try (Model model = model(w); Trainer trainer = trainer(model, w, sample)) {
                StatsByHand stats = w.recordsGradients ? new StatsByHand(model.getBlock()) : null;
                epoch(trainer, train, stats);
                double first = (System.nanoTime() - t0) / 1e9;
                double firstCpu = RunResult.threadCpu() - c0;
                double accuracy = accuracy(manager, model.getBlock(), data, sample);
                long t1 = System.nanoTime();
                double c1 = RunResult.threadCpu();
                for (int e = 0; e < steadyEpochs; e++) {
                    epoch(trainer, train, stats);
                }
                double steady = steadyEpochs == 0 ? first : (System.nanoTime() - t1) / 1e9;
                double steadyCpu = steadyEpochs == 0 ? firstCpu : RunResult.threadCpu() - c1;
                return new RunResult("djl", w, threads, data.trainSize(), first, steady, steadyEpochs, firstCpu,
                        steadyCpu, accuracy, w.net().paramCount(), seed);
            }
        }
    }

    private static void epoch(Trainer trainer, ArrayDataset set, StatsByHand stats) {
        try {
            for (Batch batch : trainer.iterateDataset(set)) {
                try (batch) {
                    EasyTrain.trainBatch(trainer, batch);
                    if (stats != null) {
                        stats.afterBackward();
                    }
                    trainer.step();
                    if (stats != null) {
                        stats.afterStep();
                    }
                }
            }
        } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayDataset dataset(NDManager m, float[] x, int[] y, Shape sample, int batch) {
        int n = y.length;
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = y[i];
        }
        return new ArrayDataset.Builder()
                .setData(m.create(x, new Shape(n).addAll(sample)))
                .optLabels(m.create(labels))
                .setSampling(batch, true)
                .build();
    }

    private static Model model(Workload w) {
        Model model = Model.newInstance(w.id());
        model.setBlock(block(w));
        return model;
    }

    private static Trainer trainer(Model model, Workload w, Shape sample) {
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) w.learningRate))
                .optMomentum((float) w.momentum).build();
        // DJL's Xavier with magnitude 3 over the average fan is Glorot-uniform, Layerwise's default.
        Initializer weights = w == Workload.SIGMOID ? new NormalInitializer(1f)
                : new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(sgd)
                .optInitializer(weights, Parameter.Type.WEIGHT);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(w.batchSize).addAll(sample));
        return trainer;
    }

    static Block block(Workload w) {
        switch (w) {
            case MLP:
                return new SequentialBlock()
                        .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(10).build());
            case LENET:
                return new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2))
                                .setFilters(6).build())
                        .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(16).build())
                        .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(120).build()).add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(84).build()).add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(10).build());
            case SIGMOID:
                SequentialBlock b = new SequentialBlock();
                for (int i = 0; i < 3; i++) {
                    b.add(Linear.builder().setUnits(30).build()).add(Activation.sigmoidBlock());
                }
                return b.add(Linear.builder().setUnits(10).build());
            default:
                throw new AssertionError(w);
        }
    }

    private static double accuracy(NDManager manager, Block block, FashionData data, Shape sample) {
        int n = data.testY.length;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(data.testX, new Shape(n).addAll(sample));
            NDList out = block.forward(new ParameterStore(scope, false), new NDList(x), false);
            long[] predicted = out.singletonOrThrow().argMax(1).toLongArray();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                correct += predicted[i] == data.testY[i] ? 1 : 0;
            }
            return correct / (double) n;
        }
    }
}
