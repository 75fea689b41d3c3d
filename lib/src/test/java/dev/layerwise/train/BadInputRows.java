package dev.layerwise.train;

import static dev.layerwise.train.BadInputTableTest.blobs;
import static dev.layerwise.train.BadInputTableTest.targetsOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;
import dev.layerwise.data.Idx;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Activation;
import dev.layerwise.nn.BatchNorm;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ShapeMismatchException;
import dev.layerwise.optim.LayerRates;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.ParamState;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.Schedule;
import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Smoothing;
import dev.layerwise.train.Charts;
import dev.layerwise.pretrain.Pretrain;
import dev.layerwise.search.MedianStopping;
import dev.layerwise.search.Params;
import dev.layerwise.search.Search;
import dev.layerwise.search.SearchResult;
import dev.layerwise.search.SearchSpace;
import dev.layerwise.search.Sweeps;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.Gradients;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The rows of {@link BadInputTableTest}: entry point, bad input, the exception, the fix users read
 * in docs/bad-inputs.md, the call, and the words its message must contain.
 */
final class BadInputRows {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IllegalStateException> ISE = IllegalStateException.class;
    private static final Class<ShapeMismatchException> SHAPE = ShapeMismatchException.class;
    private static final Class<IOException> IO = IOException.class;

    private static Path dir;
    private static Learner shared;
    private static List<Row> rows;

    private BadInputRows() {}

    /** A call that should fail; learner rows receive their learner, the others null. */
    @FunctionalInterface
    interface Call {
        void accept(Learner learner) throws Exception;
    }

    /**
     * One bad input.
     *
     * @param entry the entry point, as docs name it
     * @param bad the bad input, in words
     * @param type the exception
     * @param fix what users should do, for the docs
     * @param words what the message must contain
     * @param subject the learner the call works on, or null
     * @param call the call
     * @param after a further check (nothing written, old content kept), or null
     */
    record Row(String entry, String bad, Class<? extends Throwable> type, String fix, List<String> words,
            Supplier<Learner> subject, Call call, Runnable after) {
        Row then(Runnable check) {
            return new Row(entry, bad, type, fix, words, subject, call, check);
        }

        /** The row as docs/bad-inputs.md writes it. */
        String markdown() {
            return "| `" + cell(entry) + "` | " + cell(bad) + " | `" + type.getSimpleName() + "` — "
                    + cell(String.join(", ", words.stream().map(w -> "`" + w + "`").toList())) + " | " + cell(fix)
                    + " |";
        }

        private static String cell(String s) {
            return s.replace("|", "\\|");
        }

        @Override
        public String toString() {
            return entry + " | " + bad;
        }
    }

    static void setUp(Path tempDir) {
        dir = tempDir;
        shared = Learner.of(Net.input(4).dense(8).relu().dense(3), blobs())
                .optimizer(Optimizers.momentum(0.05, 0.9)).watch(Gradients.perLayer().every(1)).quiet();
        shared.fit(1);
    }

    static Learner shared() {
        return shared;
    }

    static synchronized List<Row> all() {
        if (rows == null) {
            List<Row> all = new ArrayList<>(OwnDataRows.all(() -> dir)); // CSV files, image folders, NumPy files
            Stream.of(net(), SkipConnectionRows.all(), inits(), optimizers(), learnerSetup(), learnerCalls(), data(),
                    idx(), exports(), charts(), pretrain(), search(), TorchWeightRows.all(dir), optimizerSettings())
                    .forEach(all::addAll);
            all.addAll(StopEarlyRows.all()); // early stopping, reduce-on-plateau, keep-best, the range test
            all.addAll(EvaluationRows.all()); // confusion matrix, report, top-k, the most confidently wrong
            all.addAll(DisplayRows.all()); // display(x) and display(x, mime)
            rows = List.copyOf(all);
        }
        return rows;
    }

    private static Row row(String entry, String bad, Class<? extends Throwable> type, String fix, Call call,
            String... words) {
        return new Row(entry, bad, type, fix, List.of(words), null, call, null);
    }

    private static Row onShared(String entry, String bad, Class<? extends Throwable> type, String fix, Call call,
            String... words) {
        return new Row(entry, bad, type, fix, List.of(words), () -> shared, call, null);
    }

    private static Row on(Supplier<Learner> learner, String entry, String bad, Class<? extends Throwable> type,
            String fix, Call call, String... words) {
        return new Row(entry, bad, type, fix, List.of(words), learner, call, null);
    }

    private static List<Row> net() {
        return List.of(
                row("Net.input", "no dimensions", IAE, "Give the shape of one example: Net.input(784) or"
                        + " Net.input(1, 28, 28).", l -> Net.input(), "Net.input()", "Net.input(784)"),
                row("Net.input", "a dimension of 0", IAE, "Every dimension must be at least 1.",
                        l -> Net.input(0), "Net.input(0)", "at least 1"),
                row("Net.dense", "0 units", IAE, "Pass the number of outputs, e.g. dense(30).",
                        l -> Net.input(4).dense(0), "dense(0)", "at least 1 unit", "dense(30)"),
                row("Net.dense", "image input [1, 28, 28]", SHAPE, "Add .flatten() before the dense layer.",
                        l -> Net.input(1, 28, 28).dense(10), "dense_1", "[1, 28, 28]", "flat vector", ".flatten()"),
                row("Net.conv2d", "kernel 0", IAE, "Filters, kernel and stride at least 1, padding at least 0.",
                        l -> Net.input(1, 8, 8).conv2d(4, 0), "conv2d(filters=4, kernel=0", "e.g. conv2d(16, 5)"),
                row("Net.conv2d", "flat input [784]", SHAPE, "Start with Net.input(1, 28, 28) and use data.images().",
                        l -> Net.input(784).conv2d(4, 5), "conv2d_1", "[784]", "data.images()"),
                row("Net.conv2d", "kernel larger than the image", SHAPE, "Use a smaller kernel, add padding, or pool"
                        + " less before it.", l -> Net.input(1, 4, 4).conv2d(2, 5), "conv2d_1", "[1, 4, 4]",
                        "at least 5", "smaller kernel"),
                row("Net.maxPool", "window 0", IAE, "Window and stride at least 1, e.g. maxPool(2).",
                        l -> Net.input(1, 8, 8).maxPool(0), "maxPool(size=0", "at least 1"),
                row("Net.maxPool", "window larger than the image", SHAPE, "Use a smaller window or fewer pooling"
                        + " layers.", l -> Net.input(1, 3, 3).maxPool(4), "maxpool_1", "[1, 3, 3]", "smaller window"),
                row("Net.dropout", "rate 1.0", IAE, "A rate in [0, 1), typically 0.2 to 0.5.",
                        l -> Net.input(4).dropout(1.0), "dropout(1.0)", "[0, 1)"),
                row("Net.dropout", "rate -0.1", IAE, "A rate in [0, 1).", l -> Net.input(4).dropout(-0.1),
                        "dropout(-0.1)", "[0, 1)"),
                row("Net.dropout", "rate NaN", IAE, "A rate in [0, 1).", l -> Net.input(4).dropout(Double.NaN),
                        "dropout(NaN)", "[0, 1)"),
                row("Net.add(new BatchNorm(…))", "momentum 0", IAE, "0 < momentum ≤ 1 and epsilon > 0; the defaults"
                        + " are 0.1 and 1e-5.", l -> Net.input(4).add(new BatchNorm(null, 0, 1e-5)),
                        "batchNorm(momentum=0.0", "0 < momentum ≤ 1"),
                row("Net.leakyRelu", "slope NaN", IAE, "A finite slope; the default is 0.01.",
                        l -> Net.input(4).leakyRelu(Double.NaN), "leakyRelu(NaN)", "finite"),
                row("Net.elu", "α infinite", IAE, "A finite α; the default is 1.0.",
                        l -> Net.input(4).elu(Double.POSITIVE_INFINITY), "elu(Infinity)", "α must be a finite"),
                row("Net.named", "a name already used", IAE, "Names in a net must be unique; pick another.",
                        l -> Net.input(4).dense(3).dense(2).named("dense_1"), "dense_1", "already used"),
                row("Net.named", "null", IAE, "Give a non-empty name.", l -> Net.input(4).dense(3).named(null),
                        "named(null)"),
                row("Net.named", "before any layer", ISE, "Add a layer first, then name it.",
                        l -> Net.input(4).named("x"), "no layer yet"),
                row("Net.add", "null", IAE, "Pass a layer, or use the builder methods (dense, relu, …).",
                        l -> Net.input(4).add(null), "add(null)"),
                row("Net.init(layer, init)", "unknown layer", IAE, "Use one of the layer names the message lists.",
                        l -> Net.input(4).dense(3).init("dense_9", Init.he()), "No layer named 'dense_9'", "dense_1"),
                row("Net.init(layer, init)", "a layer without weights", IAE, "Only dense and conv2d layers have"
                        + " weights; the message lists them.", l -> Net.input(4).dense(8).relu().init("relu_1",
                        Init.he()), "relu_1", "no weights", "dense_1"),
                row("Net.init", "null", IAE, "Pass an initializer such as Init.xavier().",
                        l -> Net.input(4).dense(3).init((Init) null), "got null"),
                row("Net.inputShapeOf", "position out of range", IndexOutOfBoundsException.class, "Positions run from"
                        + " 0 to the number of layers - 1.", l -> Net.input(4).dense(8).relu().dense(3).inputShapeOf(5),
                        "inputShapeOf(5)", "0 to 2"),
                row("Net.outputShapeOf", "negative position", IndexOutOfBoundsException.class, "Positions run from 0"
                        + " to the number of layers - 1.", l -> Net.input(4).dense(3).outputShapeOf(-1),
                        "outputShapeOf(-1)", "0 to 0"),
                row("Net.layer", "unknown name", IAE, "Use one of the layer names the message lists.",
                        l -> Net.input(4).dense(3).layer("nope"), "No layer named 'nope'", "dense_1"));
    }

    private static List<Row> inits() {
        return List.of(
                row("Init.normal", "negative std", IAE, "A finite std ≥ 0.", l -> Init.normal(0, -1),
                        "std must be a finite number ≥ 0"),
                row("Init.normal", "mean NaN", IAE, "A finite mean.", l -> Init.normal(Double.NaN, 1),
                        "mean must be a finite number"),
                row("Init.uniform", "low ≥ high", IAE, "Swap the bounds.", l -> Init.uniform(1, 0), "swap them"),
                row("Init.uniform", "infinite bound", IAE, "Finite bounds.", l -> Init.uniform(0,
                        Double.POSITIVE_INFINITY), "both bounds must be finite"),
                row("Init.sparse", "k = 0", IAE, "At least 1 nonzero weight per unit, e.g. sparse(15).",
                        l -> Init.sparse(0), "sparse(0)", "at least 1"),
                row("Init.constant", "NaN", IAE, "A finite value.", l -> Init.constant(Double.NaN), "constant(NaN)"),
                row("Learner.of", "sparse(k) with fewer than k inputs", IAE, "Use sparse(fan-in) or less for that"
                        + " layer, e.g. net.init(\"dense_1\", Init.sparse(4)).",
                        l -> Learner.of(Net.input(4).dense(3).init(Init.sparse(10)), blobs()), "sparse(10)",
                        "dense_1.weight", "has 4", "sparse(4)"),
                row("Learner.fit (first weights)", "initializer drawing non-finite float32 values", IAE, "Use a"
                        + " smaller scale, e.g. Init.normal(0, 1) or Init.xavier().",
                        l -> Learner.of(Net.input(4).dense(3).init(Init.normal(0, 1e39)), blobs()).quiet().fit(1),
                        "drew", "dense_1.weight", "must be finite"));
    }

    private static List<Row> optimizers() {
        return List.of(
                row("Optimizers.sgd", "learning rate 0", IAE, "A finite rate > 0: 0.01 to 0.5 for SGD.",
                        l -> Optimizers.sgd(0), "sgd(0.0)", "learning rate must be a finite number > 0"),
                row("Optimizers.sgd", "negative learning rate", IAE, "A finite rate > 0.", l -> Optimizers.sgd(-0.1),
                        "sgd(-0.1)", "finite number > 0"),
                row("Optimizers.sgd", "learning rate NaN", IAE, "A finite rate > 0.",
                        l -> Optimizers.sgd(Double.NaN), "sgd(NaN)", "finite number > 0"),
                row("Optimizers.adam", "infinite learning rate", IAE, "A finite rate > 0, e.g. 1e-3.",
                        l -> Optimizers.adam(Double.POSITIVE_INFINITY), "adam(Infinity)", "1e-3 for Adam"),
                row("Optimizers.momentum", "momentum 1.0", IAE, "Momentum in [0, 1), typically 0.5 to 0.99.",
                        l -> Optimizers.momentum(0.1, 1.0), "momentum(1.0)", "momentum must be in [0, 1)"),
                row("Optimizers.momentum", "negative momentum", IAE, "Momentum in [0, 1).",
                        l -> Optimizers.momentum(0.1, -0.5), "momentum(-0.5)", "[0, 1)"),
                row("Optimizers.nesterov", "momentum NaN", IAE, "Momentum in [0, 1).",
                        l -> Optimizers.nesterov(0.1, Double.NaN), "momentum(NaN)", "[0, 1)"),
                row("Adam.betas", "β₁ = 1", IAE, "Betas in [0, 1); the defaults are 0.9 and 0.999.",
                        l -> Optimizers.adam(1e-3).betas(1.0, 0.999), "beta1=1.0", "betas in [0, 1)"),
                row("Adam.betas", "negative β₂", IAE, "Betas in [0, 1).", l -> Optimizers.adam(1e-3).betas(0.9, -0.1),
                        "beta2=-0.1", "betas in [0, 1)"),
                row("RmsProp.rho", "ρ = 1", IAE, "0 < ρ < 1; the default is 0.9.",
                        l -> Optimizers.rmsprop(1e-3).rho(1), "rho=1.0", "0 < rho < 1"),
                row("Adadelta.rho", "ρ = 1", IAE, "0 < ρ < 1; Zeiler used 0.95, the default is 0.9.",
                        l -> Optimizers.adadelta(1.0).rho(1), "rho=1.0", "0 < rho < 1"),
                row("weightDecay", "negative decay", IAE, "A finite decay ≥ 0, e.g. 1e-4.",
                        l -> Optimizers.sgd(0.1).weightDecay(-0.1), "weightDecay(-0.1)", "≥ 0"),
                row("clip", "bound NaN", IAE, "A finite bound ≥ 0 (0 turns clipping off).",
                        l -> Optimizers.sgd(0.1).clip(Double.NaN), "clip(NaN)", "≥ 0"),
                row("Optimizers.adamW", "negative weight decay", IAE, "A finite decay ≥ 0, e.g. 0.01.",
                        l -> Optimizers.adamW(1e-3, -0.01), "weightDecay(-0.01)"),
                row("Optimizers.sgd(Schedule)", "schedule starting below 0", IAE, "A schedule of finite values ≥ 0.",
                        l -> Optimizers.sgd(Schedule.linear(-0.1, 0.1, 10)), "starts at -0.1", "finite values ≥ 0"),
                row("Schedule.sutskeverMomentum", "μ_max = 1", IAE, "μ_max below 1, e.g. sutskeverMomentum(0.99).",
                        l -> Schedule.sutskeverMomentum(1), "sutskeverMomentum(1.0)", "[0, 1)"),
                row("Schedule.exponential", "an end at 0", IAE, "Both ends above 0; use linear(...) to reach 0.",
                        l -> Schedule.exponential(0.5, 0, 100), "both ends must be above 0", "linear(...)"),
                row("Schedule.linear", "end NaN", IAE, "Finite values at both ends.",
                        l -> Schedule.linear(0.5, Double.NaN, 100), "linear(0.5, NaN, …)", "finite"),
                row("Schedule.step", "negative factor", IAE, "A factor ≥ 0, e.g. step(0.1, 0.5, 1000).",
                        l -> Schedule.step(0.1, -0.5, 10), "factor must be ≥ 0"),
                row("Schedule.cosine", "0 steps", IAE, "At least 1 step.", l -> Schedule.cosine(0.5, 0, 0), "cosine",
                        "at least 1"),
                row("Schedule.warmup", "null schedule after warm-up", IAE, "Pass the schedule that follows,"
                        + " e.g. Schedule.constant(0.1).", l -> Schedule.warmup(10, null), "warmup(…, null)"),
                row("Schedule.then", "null next schedule", IAE, "Pass the schedule that follows.",
                        l -> Schedule.constant(0.1).then(10, null), "then(…, null)"),
                row("LayerRates.with", "null layer name", IAE, "A layer name or a pattern such as \"dense_*\".",
                        l -> LayerRates.none().with(null, 2), "layerRate(null", "dense_*"));
    }

    /** Weight-decay exemptions, global-norm clipping, and changing settings on a learner in place. */
    private static List<Row> optimizerSettings() {
        Supplier<Learner> adagrad = () -> Learner.of(Net.input(4).dense(8).relu().dense(3), blobs()).quiet()
                .optimizer(Optimizers.adagrad(0.1));
        Optimizer own = new Optimizer() {
            @Override
            public Schedule learningRate() {
                return Schedule.constant(0.1);
            }

            @Override
            public void update(NDArray w, NDArray g, ParamState state, double rateScale, long step) {
                w.subi(g.mul(0.1 * rateScale));
            }

            @Override
            public String describe() {
                return "mine(lr=0.1)";
            }
        };
        return List.of(
                row("noDecayOn", "no pattern", IAE, "Name parameters or patterns, e.g. noDecayOn(\"*.bias\"), or use"
                        + " decayWeightsOnly().", l -> Optimizers.adamW(1e-3).noDecayOn(), "noDecayOn()",
                        "decayWeightsOnly()"),
                row("noDecayOn", "a blank pattern", IAE, "A parameter name or a pattern such as \"*.bias\".",
                        l -> Optimizers.adamW(1e-3).noDecayOn("*.bias", " "), "noDecayOn(\" \")", "\"*.bias\""),
                row("clipGradNorm", "negative bound", IAE, "A finite norm ≥ 0 (0 turns it off), e.g. 1.0.",
                        l -> Optimizers.sgd(0.1).clipGradNorm(-1), "clipGradNorm(-1.0)", "≥ 0"),
                onShared("Learner.optimizer", "a noDecayOn pattern matching no parameter", IAE, "Use a parameter or"
                        + " layer name the message lists, or a pattern such as \"*.bias\"; nothing changes.",
                        l -> l.optimizer(Optimizers.adamW(1e-3).noDecayOn("*.bais")), "noDecayOn(\"*.bais\")",
                        "matches no parameter", "dense_1.bias"),
                on(adagrad, "Learner.momentum", "an optimizer without momentum (Adagrad)", IAE, "Switch to SGD with"
                        + " momentum (its state starts fresh); for Adam, set betas with learner.optimizer(…).",
                        l -> l.momentum(0.9), "momentum(0.9)", "adagrad(lr=0.1, eps=1e-10) has no momentum",
                        "its settings are learning rate, epsilon", "Optimizers.momentum(0.01, 0.9)"),
                onShared("Learner.momentum", "momentum 1.0", IAE, "Momentum in [0, 1); nothing changes.",
                        l -> l.momentum(1.0), "momentum(1.0)", "[0, 1)"),
                onShared("Learner.learningRate", "rate 0", IAE, "A finite rate > 0; nothing changes.",
                        l -> l.learningRate(0), "learningRate(0.0)", "finite number > 0"),
                onShared("Learner.learningRate(Schedule)", "null", IAE, "Pass a rate or a Schedule.",
                        l -> l.learningRate((Schedule) null), "learningRate(null)"),
                on(() -> Learner.of(Net.input(4).dense(3), blobs()).quiet().optimizer(own), "Learner.learningRate",
                        "an optimizer of your own", IAE, "Set a new optimizer with learner.optimizer(…).",
                        l -> l.learningRate(0.01), "mine(lr=0.1) is not one of Optimizers' rules",
                        "learner.optimizer(…)"),
                onShared("Learner.weightDecay", "negative decay", IAE, "A finite decay ≥ 0; nothing changes.",
                        l -> l.weightDecay(-0.1), "weightDecay(-0.1)", "≥ 0"),
                onShared("Learner.clipGradNorm", "NaN", IAE, "A finite norm ≥ 0 (0 turns it off); nothing changes.",
                        l -> l.clipGradNorm(Double.NaN), "clipGradNorm(NaN)", "≥ 0"),
                onShared("Learner.optimizerState", "unknown parameter", IAE, "Use a full name the message lists, e.g."
                        + " dense_1.weight.", l -> l.optimizerState("dense_1.mean"), "optimizerState(\"dense_1.mean\")",
                        "dense_1.weight"),
                onShared("Learner.clipGradValue", "negative bound", IAE, "A finite bound ≥ 0 (0 turns it off);"
                        + " nothing changes.", l -> l.clipGradValue(-2), "clipGradValue(-2.0)", "≥ 0"));
    }

    private static List<Row> learnerSetup() {
        Supplier<Learner> fresh = () -> Learner.of(Net.input(4).dense(8).relu().dense(3), blobs()).quiet();
        return List.of(
                row("Learner.of", "null net", IAE, "Pass both the net and the data.", l -> Learner.of(null, blobs()),
                        "both are required"),
                row("Learner.of", "a net without layers", IAE, "Add layers, e.g. Net.input(784).dense(10).",
                        l -> Learner.of(Net.input(4), blobs()), "no layers"),
                row("Learner.of", "net input [100], data [4]", SHAPE, "Build the net with the data's shape, e.g."
                        + " Net.input(4).", l -> Learner.of(Net.input(100).dense(3), blobs()), "[4]", "[100]",
                        "Net.input(4)"),
                row("Learner.of", "image net [1, 2, 2] on flat data [4]", SHAPE, "Call data.images() (or data.flat()"
                        + " for a dense net).", l -> Learner.of(Net.input(1, 2, 2).flatten().dense(3), blobs()), "[4]",
                        "[1, 2, 2]", "data.images()"),
                row("Learner.of", "5 outputs for 3 classes", SHAPE, "End the net with .dense(classes).",
                        l -> Learner.of(Net.input(4).dense(5), blobs()), "dense_1", "[5]", "one output per class",
                        ".dense(3)"),
                row("Learner.of", "data with neither labels nor targets", IAE, "Give labels, or targets"
                        + " (withTargets / withFeaturesAsTargets).", l -> Learner.of(Net.input(4).dense(3),
                        Dataset.of(Examples.unlabeled("raw", new float[8], 4))), "neither labels nor targets",
                        "withFeaturesAsTargets()"),
                row("Learner.of", "output [2] for targets [3]", SHAPE, "End the net with the targets' shape.",
                        l -> Learner.of(Net.input(4).dense(2), targetsOnly()), "dense_1", "[2]",
                        "the shape of the targets", ".dense(3)"),
                on(() -> Learner.of(Net.input(4).dense(3), targetsOnly()).quiet(), "Learner.loss",
                        "softmax cross-entropy on regression targets", IAE, "Use Loss.mse(), or give the data"
                        + " labels.", l -> l.loss(Loss.softmaxCrossEntropy()), "needs class labels",
                        "regression targets [3]", "Loss.mse()"),
                on(() -> Learner.of(Net.input(4).dense(8).relu().dense(3), blobs()).quiet()
                        .optimizer(Optimizers.sgd(Schedule.linear(0.1, -0.5, 3))), "Learner.fit",
                        "learning-rate schedule below 0 at a later step", IAE, "Keep the schedule ≥ 0, e.g. end it at"
                        + " 0; nothing is trained.", l -> l.fit(1), "fit(1)", "optimizer step 1",
                        "must be a finite number ≥ 0"),
                on(() -> Learner.of(Net.input(4).dense(8).relu().dense(3), blobs()).quiet()
                        .optimizer(Optimizers.momentum(Schedule.constant(0.1), Schedule.linear(0.5, 1.5, 4))),
                        "Learner.fit", "momentum schedule reaching 1", IAE, "Keep momentum below 1; nothing is"
                        + " trained.", l -> l.fit(1), "optimizer step 2", "momentum must be in [0, 1)"),
                on(fresh, "Learner.gradients", "before watch(…)", ISE, "Call learner.watch(Gradients.perLayer())"
                        + " before fit.", Learner::gradients, "No gradients recorded",
                        "learner.watch(Gradients.perLayer())"));
    }

    private static List<Row> learnerCalls() {
        float[] nanBias = new float[8];
        nanBias[1] = Float.NaN;
        return List.of(
                onShared("Learner.fit", "0 epochs", IAE, "Train at least 1 epoch.", l -> l.fit(0), "fit(0)",
                        "at least 1 epoch"),
                on(() -> Learner.of(Net.input(2).dense(4).batchNorm().dense(2), Datasets.twoMoons(20, 0.1, 1)
                        .batchSize(1)).quiet(), "Learner.fit", "batch norm with batch size 1", IAE,
                        "Use batches of 2 or more, or remove batchNorm().", l -> l.fit(1),
                        "at least 2 examples per batch", "batch size is 1"),
                onShared("Learner.seed", "after training", ISE, "Create a new learner with the seed.",
                        l -> l.seed(7), "must be set before training", "Learner.of(net, data).seed(…)"),
                onShared("Learner.loss", "null", IAE, "Pass a loss, e.g. Loss.softmaxCrossEntropy().",
                        l -> l.loss(null), "loss(null)"),
                onShared("Learner.optimizer", "null", IAE, "Pass an optimizer, e.g. Optimizers.sgd(0.1).",
                        l -> l.optimizer(null), "optimizer(null)"),
                onShared("Learner.layerRate", "unknown layer", IAE, "Use a layer name or a pattern such as"
                        + " \"dense_*\".", l -> l.layerRate("dense_9", 2), "layerRate(\"dense_9\")",
                        "no layer matches", "dense_1"),
                onShared("Learner.layerRate", "negative factor", IAE, "A finite factor ≥ 0; freeze() stops a layer.",
                        l -> l.layerRate("dense_1", -1), "multiplier must be a finite number ≥ 0"),
                onShared("Learner.layerRatesByDepth", "NaN at one depth", IAE, "A finite multiplier ≥ 0 at every"
                        + " depth.", l -> l.layerRatesByDepth(d -> d == 2 ? Double.NaN : 1), "depth 2", "NaN",
                        "finite multiplier ≥ 0"),
                onShared("Learner.layerRates", "a rule matching no layer", IAE, "Use a layer name or a pattern that"
                        + " matches.", l -> l.layerRates(LayerRates.none().with("conv_*", 2)),
                        "[conv_*] matches no layer"),
                onShared("Learner.freeze", "a known and an unknown layer", IAE, "Fix the unknown name; no layer is"
                        + " frozen.", l -> l.freeze("dense_1", "dense_9"), "freeze(\"dense_9\")", "no layer matches"),
                onShared("Learner.freeze", "no names", IAE, "Name at least one layer or pattern.",
                        l -> l.freeze(), "name at least one layer"),
                onShared("Learner.unfreeze", "unknown layer", IAE, "Use a layer name or pattern.",
                        l -> l.unfreeze("nope"), "unfreeze(\"nope\")", "no layer matches"),
                onShared("Learner.parameter", "unknown name", IAE, "Use a full name the message lists, e.g."
                        + " dense_1.weight.", l -> l.parameter("dense_9.weight"), "No parameter 'dense_9.weight'",
                        "dense_1.weight"),
                onShared("Learner.parameter(name, values)", "wrong number of values", IAE, "Pass exactly as many values"
                        + " as the parameter has.", l -> l.parameter("dense_1.weight", new float[3]), "got 3 values",
                        "32 values"),
                onShared("Learner.parameter(name, values)", "a NaN value", IAE, "Pass finite values; nothing is"
                        + " changed.", l -> l.parameter("dense_1.bias", nanBias), "value 1 is NaN",
                        "Nothing was changed"),
                onShared("Learner.parameter(name, values)", "null", IAE, "Pass the values.",
                        l -> l.parameter("dense_1.bias", null), "null", "expected 8 values"),
                onShared("Learner.evaluate", "null", IAE, "Pass a data set, or call evaluate().",
                        l -> l.evaluate(null), "evaluate(null)"),
                onShared("Learner.evaluate", "data of another shape", SHAPE, "Evaluate on data shaped like the"
                        + " net's input.", l -> l.evaluate(Datasets.blobs(60, 3, 5, 1.0, 1)), "[5]", "[4]"),
                onShared("Learner.evaluate", "regression targets with softmax cross-entropy", IAE, "Evaluate on"
                        + " labelled data, or use Loss.mse().", l -> l.evaluate(targetsOnly()), "needs class labels",
                        "Loss.mse()"),
                onShared("Learner.predict(float[]...)", "wrong length", IAE, "One value per input of the net.",
                        l -> l.predict(new float[] {1, 2, 3}), "example 0 has 3 values but the net takes 4"),
                onShared("Learner.predict(float[]...)", "a NaN value", IAE, "Replace or drop NaN/Inf values.",
                        l -> l.predict(new float[] {1, 2, Float.NaN, 4}), "value 2 of example 0 is NaN"),
                onShared("Learner.predict(float[]...)", "no examples", IAE, "Pass at least one example.",
                        l -> l.predict(new float[0][]), "no examples given"),
                onShared("Learner.predict(NDArray)", "batch [2, 5] for input [4]", SHAPE, "Pass [batch, input"
                        + " shape].", l -> {
                            try (NDManager m = NDManager.newBaseManager()) {
                                l.predict(m.zeros(new Shape(2, 5)));
                            }
                        }, "[2, 5]", "[batch, 4]"),
                onShared("Learner.predict(NDArray)", "float64 batch", IAE, "Convert with x.toType(DataType.FLOAT32,"
                        + " false).", l -> {
                            try (NDManager m = NDManager.newBaseManager()) {
                                l.predict(m.zeros(new Shape(2, 4), DataType.FLOAT64));
                            }
                        }, "float64", "x.toType(DataType.FLOAT32, false)"),
                onShared("Learner.predict(NDArray)", "empty batch [0, 4]", IAE, "Pass at least one example.", l -> {
                    try (NDManager m = NDManager.newBaseManager()) {
                        l.predict(m.zeros(new Shape(0, 4)));
                    }
                }, "holds no example"),
                onShared("Learner.predict(NDArray)", "null", IAE, "Pass a batch, or use predict(float[]...).",
                        l -> l.predict((ai.djl.ndarray.NDArray) null), "predict(null)", "[batch, 4]"),
                onShared("Learner.outputs", "unknown layer", IAE, "Use a layer name the message lists.",
                        l -> l.outputs(l.data().train(), "nope"), "no such layer", "dense_1"),
                onShared("Learner.outputs", "examples of another shape", SHAPE, "Pass examples shaped like the net's"
                        + " input.", l -> l.outputs(Datasets.blobs(60, 3, 5, 1.0, 1).train(), "dense_1"), "[5]",
                        "[4]"),
                onShared("Learner.callback", "blank name", IAE, "Name the callback, so re-running the cell replaces"
                        + " it.", l -> l.callback(" ", new Callback() {}), "non-empty name"),
                onShared("Learner.callback", "null callback", IAE, "Pass a Callback.", l -> l.callback("x", null),
                        "expected a Callback"),
                onShared("Learner.watch", "null", IAE, "Pass e.g. Gradients.perLayer().", l -> l.watch(null),
                        "watch(null)"),
                onShared("Learner.gradientsOn", "data of another shape", SHAPE, "Probe with data shaped like the"
                        + " net's input.", l -> l.gradientsOn(Datasets.blobs(60, 3, 5, 1.0, 1)), "[5]", "[4]"),
                onShared("Learner.gradientsOn", "data without labels", IAE, "Probe with labelled examples.",
                        l -> l.gradientsOn(targetsOnly()), "without labels"),
                onShared("Learner.gradientsOn", "null", IAE, "Pass examples, e.g. data.subset(1000).",
                        l -> l.gradientsOn(null), "gradientsOn(null)"),
                row("Gradients.perLayer().every", "0", IAE, "Record every step (1) or fewer.",
                        l -> Gradients.perLayer().every(0), "every(0)"),
                row("Gradients.perLayer().histograms", "-1 bins", IAE, "0 (none) to 1000 bins, e.g. 40.",
                        l -> Gradients.perLayer().histograms(-1), "histograms(-1)"));
    }

    private static List<Row> data() {
        Dataset noTest = Dataset.of(blobs().train());
        return List.of(
                row("Examples.of", "no examples", IAE, "Give at least one example: check that the features array was filled, or that a subset or split did not leave nothing.",
                        l -> Examples.of("x", new float[0], new int[] {4}, new int[0], 3), "no examples"),
                row("Examples.of", "values not a whole number of samples", IAE, "Check the sample shape.",
                        l -> Examples.of("x", new float[5], new int[] {4}, new int[] {0}, 3),
                        "not a whole number of samples", "1 left over"),
                row("Examples.of", "a NaN feature", IAE, "Replace or drop NaN/Inf values first.",
                        l -> Examples.of("x", new float[] {0, Float.NaN, 0, 0}, new int[] {4}, new int[] {0}, 3),
                        "feature 1 of example 0 is NaN"),
                row("Examples.of", "label ≥ numClasses", IAE, "Labels run from 0 to numClasses - 1 (1-based labels?).",
                        l -> Examples.of("x", new float[12], new int[] {4}, new int[] {0, 1, 3}, 3),
                        "label of example 2 is 3", "outside [0, 3)"),
                row("Examples.of", "fewer labels than examples", IAE, "One label per example.",
                        l -> Examples.of("x", new float[12], new int[] {4}, new int[] {0, 1}, 3),
                        "2 labels for 3 examples"),
                row("Examples.of", "null features", IAE, "Pass the feature values.",
                        l -> Examples.of("x", null, new int[] {4}, new int[] {0}, 3), "features is null"),
                row("Examples.of", "a sample dimension of 0", IAE, "Every dimension at least 1.",
                        l -> Examples.of("x", new float[4], new int[] {0, 4}, new int[] {0}, 3), "[0, 4]",
                        "dimension < 1"),
                row("Examples.withTargets", "an infinite target", IAE, "Finite targets only.",
                        l -> Examples.unlabeled("x", new float[8], 4).withTargets(new float[] {0,
                                Float.POSITIVE_INFINITY}, 1), "target 0 of example 1 is Infinity"),
                row("Examples.withTargets", "wrong number of values", IAE, "examples × target size values.",
                        l -> Examples.unlabeled("x", new float[8], 4).withTargets(new float[3], 1),
                        "need 2 values, but got 3"),
                row("Examples.reshape", "another element count", IAE, "The new shape must hold as many values.",
                        l -> blobs().train().reshape(3), "must hold exactly 4 values"),
                row("Dataset.batchSize", "0", IAE, "At least 1; typical sizes are 10 to 256.",
                        l -> blobs().batchSize(0), "batchSize(0)", "at least 1 example"),
                row("Dataset.subset", "more than the data has", IAE, "Choose n from 1 to the size.",
                        l -> blobs().subset(1000), "subset(1000)", "choose n from 1 to 48"),
                row("Dataset.split", "fraction 1.0", IAE, "A fraction strictly between 0 and 1, e.g. 0.8.",
                        l -> noTest.split(1.0), "strictly between 0 and 1"),
                row("Dataset.test", "no test set", ISE, "Make one with split(0.8) or withTest(examples).",
                        l -> noTest.test(), "has no test set", "split(0.8)"),
                row("Dataset.withTest", "test samples of another size", IAE, "Same sample size and classes as"
                        + " training.", l -> blobs().withTest(Datasets.blobs(60, 3, 5, 1.0, 1).train()), "do not match"),
                row("Dataset.withClassNames", "wrong number of names", IAE, "One name per class.",
                        l -> blobs().withClassNames("a"), "got 1 names for 3 classes"),
                row("Dataset.images", "samples that are not square", IAE, "Use reshape(c, h, w).",
                        l -> Datasets.blobs(60, 3, 5, 1.0, 1).images(), "not a square image", "reshape(c, h, w)"),
                row("Dataset.of", "null", IAE, "Pass training examples.", l -> Dataset.of(null), "Dataset.of(null)"),
                row("Datasets.twoMoons", "too few points", IAE, "At least 5 points per class.",
                        l -> Datasets.twoMoons(5, 0.1, 1), "too few", "at least 10"),
                row("Datasets.blobs", "negative spread", IAE, "A finite spread ≥ 0.",
                        l -> Datasets.blobs(60, 3, 4, -1, 1), "must be a finite number ≥ 0"),
                row("Datasets.spirals", "1 class", IAE, "At least 2 arms.", l -> Datasets.spirals(60, 1, 0.1, 1),
                        "at least 2 classes"),
                row("Datasets.mnist", "a folder without the files", ISE, "Point it at the folder with the four IDX"
                        + " files.", l -> Datasets.mnist(dir.resolve("nowhere")), "mnist not found",
                        "train-images-idx3-ubyte[.gz]"),
                row("Datasets.fashionMnist(dir)", "null", IAE, "Pass the folder, or call fashionMnist().",
                        l -> Datasets.fashionMnist(null), "fashionMnist(null)"));
    }

    private static List<Row> idx() {
        return List.of(
                row("Idx.readImages", "missing file", UncheckedIOException.class, "Check the path.",
                        l -> Idx.readImages(dir.resolve("missing-images")), "missing-images", "does not exist"),
                row("Idx.readImages", "wrong magic number", IAE, "Use an unsigned-byte IDX file (0x00000803).",
                        l -> Idx.readImages(file("magic", header(0x0d, 3, 1, 2, 2), new byte[4])),
                        "magic number 0x00000d03", "0x00000803"),
                row("Idx.readImages", "truncated values", IAE, "Download the file again.",
                        l -> Idx.readImages(file("short-values", header(8, 3, 2, 2, 2), new byte[5])), "is truncated",
                        "download the file again"),
                row("Idx.readImages", "truncated header", IAE, "Download the file again.",
                        l -> Idx.readImages(file("short-header", new byte[] {0, 0, 8, 3, 0, 0, 0, 2})),
                        "is truncated", "header needs 16 bytes"),
                row("Idx.readImages", "an empty file", IAE, "Is this the right file?",
                        l -> Idx.readImages(file("empty")), "only 0 bytes"),
                row("Idx.readImages", "a label file (1 dimension)", IAE, "Pass the images file.",
                        l -> Idx.readImages(file("labels-as-images", header(8, 1, 3), new byte[3])),
                        "is this a label file?"),
                row("Idx.readLabels", "an image file (3 dimensions)", IAE, "Swap the image and label files.",
                        l -> Idx.readLabels(file("images-as-labels", header(8, 3, 1, 2, 2), new byte[4])),
                        "did you swap"),
                row("Idx.readLabels", "extra bytes after the values", IAE, "Is this the right file, or two joined?",
                        l -> Idx.readLabels(file("long", header(8, 1, 2), new byte[3])), "extra bytes"),
                row("Idx.readImages", "truncated gzip", IAE, "Download the file again.",
                        l -> Idx.readImages(file("cut.gz", halfGzip(header(8, 3, 50, 8, 8), new byte[3200]))),
                        "does not decompress as gzip", "download it again"),
                row("Idx.readExamples", "image and label counts differ", IAE, "Pair files of the same split.",
                        l -> Idx.readExamples(file("two-images", header(8, 3, 2, 2, 2), new byte[8]),
                                file("three-labels", header(8, 1, 3), new byte[3]), 10, "x"), "2 images", "3 labels"),
                row("Idx.readExamples", "0 images", IAE, "Is this the right file?",
                        l -> Idx.readExamples(file("no-images", header(8, 3, 0, 2, 2)),
                                file("no-labels", header(8, 1, 0)), 10, "x"), "holds no image"),
                row("Idx.readExamples", "a label ≥ numClasses", IAE, "Check numClasses, or the label file.",
                        l -> Idx.readExamples(file("one-image", header(8, 3, 1, 2, 2), new byte[4]),
                                file("label-12", header(8, 1, 1), new byte[] {12}), 10, "x"),
                        "label of example 0 is 12", "outside [0, 10)"));
    }

    private static List<Row> exports() {
        return List.of(
                onShared("History.saveCsv", "a folder that does not exist", IO, "Create the folder first, or write"
                        + " elsewhere; nothing is written.", l -> l.history().saveCsv(dir.resolve("nowhere/h.csv")),
                        "folder", "does not exist", "Nothing was written")
                        .then(() -> assertFalse(Files.exists(dir.resolve("nowhere")), "nothing created")),
                onShared("GradientLog.saveCsv", "a path that is a folder", IO, "Give a file name inside the folder.",
                        l -> l.gradients().saveCsv(dir), "is a folder, not a file"),
                row("Chart.save", "a path inside a file", IO, "Choose a path in a folder.", l -> {
                    Path notAFolder = file("plain-file", new byte[] {1});
                    tinyChart().save(notAFolder.resolve("chart.png"));
                }, "is a file, not a folder", "Nothing was written"),
                row("Chart.save", "unknown extension", IAE, "End the name with .png or .svg.",
                        l -> tinyChart().save(dir.resolve("chart.jpg")), ".png or .svg")
                        .then(() -> assertFalse(Files.exists(dir.resolve("chart.jpg")), "no file")),
                row("Chart.save", "a chart that fails while drawing, over an existing file", IAE, "Fix the chart"
                        + " (here: a zero on a log axis); the old file and its folder are left as they were.", l -> {
                            Path target = file("kept.png", new byte[] {42});
                            Chart.of("zero on a log axis", logAxisWithZero()).save(target);
                        }, "logarithmic").then(() -> {
                            try {
                                assertEquals(List.of(dir.resolve("kept.png")), leftovers("kept.png"));
                                assertEquals(1, Files.size(dir.resolve("kept.png")), "old content kept");
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }),
                row("SearchResult.saveCsv", "null path", IAE, "Pass a file path.",
                        l -> tinySearch().saveCsv(null), "SearchResult.saveCsv(null)"),
                row("Chart.save", "null path", IAE, "Pass a path ending in .png or .svg.", l -> tinyChart().save(null),
                        "save(null)", ".png or .svg"),
                row("GradientLog.loadCsv", "missing file", NoSuchFileException.class, "Check the path.",
                        l -> GradientLog.loadCsv(dir.resolve("missing.csv")), "missing.csv", "no such file"),
                row("GradientLog.fromCsv", "wrong header", IAE, "Read files written by saveCsv.",
                        l -> GradientLog.fromCsv("a,b\n1,2\n"), "Not a gradient log"),
                row("GradientLog.fromCsv", "a value that is not a number", IAE, "Fix the line the message names.",
                        l -> GradientLog.fromCsv("step,epoch,layer,parameter,metric,value\n1,1,dense_1,weight,norm,x\n"),
                        "line 2", "value a number"));
    }

    private static List<Row> charts() {
        return List.of(
                onShared("Charts.metric", "misspelt metric", IAE, "Use a GradientLog constant, e.g."
                        + " GradientLog.NORM.", l -> Charts.metric(l.gradients(), "weight", "nrom"), "unknown metric",
                        "norm"),
                onShared("Charts.metric", "misspelt parameter", IAE, "weight, bias, or GradientLog.ACTIVATION.",
                        l -> Charts.metric(l.gradients(), "wieght", GradientLog.NORM), "unknown parameter", "weight"),
                onShared("Charts.histograms", "unknown kind", IAE, "Histogram.GRADIENT or Histogram.WEIGHT.",
                        l -> Charts.histograms(l.gradients(), "grad"), "unknown kind"),
                row("Charts.compareHistories", "no runs", IAE, "Pass at least one named history.",
                        l -> Charts.compareHistories(Map.of()), "at least one named run"),
                onShared("Charts.perStep", "no series", IAE, "Give at least one series, e.g. Map.of(\"momentum\","
                        + " StepRecord::momentum).", l -> Charts.perStep(l.history(), "t", "y", Map.of(), List.of()),
                        "at least one series"),
                row("Smoothing.ema", "a share of 1 or more", IAE, "Use a share in [0, 1), e.g. 0.9.",
                        l -> Smoothing.ema(1.0), "Smoothing.ema(1.0)", "[0, 1)", "0.9"),
                row("LiveChart.smoothing", "null", IAE, "Pass Smoothing.ema(0.95) or Smoothing.none().",
                        l -> new LiveChart().smoothing(null), "smoothing(null)", "Smoothing.none()"),
                onShared("Charts.lossAndGradients", "null smoothing", IAE, "Pass Smoothing.ema(0.95) or"
                        + " Smoothing.none().", l -> Charts.lossAndGradients(l.history(), l.gradients(), List.of(), null),
                        "expected a smoothing", "Smoothing.none()"),
                onShared("Charts.metric", "null smoothing", IAE, "Pass Smoothing.ema(0.95) or Smoothing.none().",
                        l -> Charts.metric(l.gradients(), "weight", GradientLog.NORM, null), "expected a smoothing",
                        "Smoothing.none()"),
                onShared("SpeedOfLearning.of", "a layer without biases", IAE, "Use a layer the message lists.",
                        l -> l.gradients().speedOfLearning().of("relu_1"), "No speed recorded for 'relu_1'",
                        "dense_1"),
                onShared("GradientLog.compare", "both runs with one name", IAE, "Name the runs differently.",
                        l -> GradientLog.compare("a", l.gradients(), "a", l.gradients()),
                        "both runs are called 'a'"));
    }

    private static List<Row> pretrain() {
        return List.of(
                row("Pretrain.supervised", "image-shaped data", IAE, "Call data.flat().",
                        l -> Pretrain.supervised(blobs().reshape(1, 2, 2)), "needs flat examples", "data.flat()"),
                row("Pretrain.supervised", "data without labels", IAE, "Use labelled data.",
                        l -> Pretrain.supervised(targetsOnly()), "needs class labels"),
                row("SupervisedGrowth.hidden", "a width of 0", IAE, "At least one layer, each ≥ 1 unit.",
                        l -> Pretrain.supervised(blobs()).hidden(30, 0), "hidden(30, 0)", "at least 1 unit"),
                row("SupervisedGrowth.epochsPerStage", "0", IAE, "At least 1 epoch.",
                        l -> Pretrain.supervised(blobs()).epochsPerStage(0), "epochsPerStage(0)"),
                row("SupervisedGrowth.run", "epochs for 2 stages, 3 hidden layers", IAE,
                        "One number for all stages or one per hidden layer.",
                        l -> Pretrain.supervised(blobs()).hidden(8, 8, 8).epochsPerStage(1, 2).run(),
                        "epochsPerStage(1, 2)", "exactly 3"),
                row("AutoencoderPretraining.pretrainOn", "examples of another width", IAE,
                        "Pretrain on examples of the fine-tuning data's flat shape.",
                        l -> Pretrain.autoencoders(blobs()).pretrainOn(Datasets.blobs(60, 3, 5, 1.0, 1)), "pretrainOn('",
                        "same flat shape"),
                row("AutoencoderPretraining.run", "sigmoidDecoder() on values outside [0, 1]", IAE,
                        "Scale the inputs to [0, 1] with minMax(), or use the linear decoder.",
                        l -> Pretrain.autoencoders(blobs()).sigmoidDecoder().run(), "needs inputs in [0, 1]", "minMax()"),
                row("AutoencoderPretraining.run", "sigmoidDecoder() over ReLU codes", IAE,
                        "Sigmoid hidden layers, or the linear decoder.",
                        l -> Pretrain.autoencoders(blobs().minMax()).hidden(8, 8).activation(Activation.Function.RELU)
                                .sigmoidDecoder().run(), "codes of relu layers", "Activation.Function.SIGMOID"),
                row("AutoencoderPretraining.pretrainOptimizer", "null", IAE, "Pass an optimizer.",
                        l -> Pretrain.autoencoders(blobs()).pretrainOptimizer(null), "pretrainOptimizer(null)"),
                row("AutoencoderPretraining.noise", "fraction 1.0", IAE, "A fraction in [0, 1), e.g. 0.3.",
                        l -> Pretrain.autoencoders(blobs()).noise(1.0), "noise(1.0)", "[0, 1)"),
                row("LayerwiseTraining.optimizer", "null", IAE, "Pass an optimizer.",
                        l -> Pretrain.autoencoders(blobs()).optimizer(null), "optimizer(null)"),
                row("LayerwiseTraining.activation", "null", IAE, "Pass a function such as Activation.Function.RELU.",
                        l -> Pretrain.supervised(blobs()).activation(null), "activation(null)"));
    }

    private static List<Row> search() {
        SearchSpace space = SearchSpace.empty().uniform("m", 0, 1);
        Net net = Net.input(4).dense(3);
        return List.of(
                row("SearchSpace.logUniform", "lower bound 0", IAE, "lo > 0, e.g. logUniform(\"lr\", 1e-4, 1).",
                        l -> SearchSpace.empty().logUniform("lr", 0, 1), "lo > 0"),
                row("SearchSpace.uniform", "lo ≥ hi", IAE, "Finite bounds with lo < hi.",
                        l -> SearchSpace.empty().uniform("m", 1, 0), "lo < hi"),
                row("SearchSpace.choice", "no values", IAE, "Give at least one value.",
                        l -> SearchSpace.empty().choice("b"), "at least one value"),
                row("SearchSpace.choice", "a repeated value", IAE, "List each value once.",
                        l -> SearchSpace.empty().choice("b", 10, 10), "listed twice"),
                row("SearchSpace", "a name declared twice", IAE, "Use another name.", l -> space.uniform("m", 0, 1),
                        "declared twice"),
                row("Search.random", "empty space", ISE, "Declare what to vary.",
                        l -> Search.random(SearchSpace.empty()), "search space is empty"),
                row("Search.trials", "0", IAE, "At least 1 trial.", l -> Search.random(space).trials(0), "trials(0)"),
                row("Search.timeBudget", "zero", IAE, "A positive duration.",
                        l -> Search.random(space).timeBudget(Duration.ZERO), "positive duration"),
                row("Search.initialRandom", "1", IAE, "At least 2.", l -> Search.bayesian(space).initialRandom(1),
                        "at least 2"),
                row("Search.run", "null objective", IAE, "Pass the objective.", l -> Search.random(space).run(null),
                        "run(null)"),
                row("MedianStopping", "minTrials 0", IAE, "warmUpSteps ≥ 0, minTrials ≥ 1.",
                        l -> new MedianStopping(1, 0), "minTrials ≥ 1"),
                row("Params.d", "unknown name", IAE, "Check the spelling against the space.",
                        l -> Params.of(Map.of("lr", 0.1)).d("rl"), "No hyperparameter 'rl'", "[lr]"),
                row("Params.i", "a real value", IAE, "Read it with d(…) or declare it with intRange.",
                        l -> Params.of(Map.of("lr", 0.1)).i("lr"), "not a whole number"),
                row("Sweeps.batchSizes", "data without a test set", IAE, "Use data.split(0.8).",
                        l -> Sweeps.batchSizes(net, Dataset.of(blobs().train())), "has no test set", "split(0.8)"),
                row("BatchSizeSweep.sizes", "size 0", IAE, "Sizes from 1 to the training set's size.",
                        l -> Sweeps.batchSizes(net, blobs()).sizes(0, 10), "each from 1 to"),
                row("BatchSizeSweep.optimizer", "null", IAE, "Pass a function from batch size to optimizer.",
                        l -> Sweeps.batchSizes(net, blobs()).optimizer(null), "optimizer(null)",
                        "b -> Optimizers.sgd(0.1)"),
                row("DropoutSweep.rates", "rate 1.0", IAE, "Rates in [0, 1).",
                        l -> Sweeps.dropout(r -> net, blobs()).rates(1.0), "each in [0, 1)"),
                row("DropoutSweep.epochs", "0", IAE, "At least 1 epoch.",
                        l -> Sweeps.dropout(r -> net, blobs()).epochs(0), "epochs(0)"),
                row("Layerwise.threads", "0", IAE, "At least 1 thread.", l -> Layerwise.threads(0), "at least 1"));
    }

    // -- helpers -------------------------------------------------------------------------------

    /** An IDX header: two zero bytes, the type code, the dimension count, then the sizes. */
    private static byte[] header(int type, int ndims, int... sizes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) ndims);
        for (int s : sizes) {
            b.putInt(s);
        }
        return b.array();
    }

    private static Path file(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static byte[] halfGzip(byte[]... parts) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
            for (byte[] p : parts) {
                gz.write(p);
            }
        }
        byte[] all = raw.toByteArray();
        return Arrays.copyOf(all, all.length / 2);
    }

    private static Chart tinyChart() {
        XYChart c = new XYChartBuilder().width(200).height(150).title("tiny").build();
        c.addSeries("s", new double[] {1, 2}, new double[] {1, 2});
        return Chart.of("tiny", c);
    }

    private static XYChart logAxisWithZero() {
        XYChart c = new XYChartBuilder().width(200).height(150).title("log").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.addSeries("s", new double[] {1, 2}, new double[] {0, 1});
        return c;
    }

    private static SearchResult tinySearch() {
        return Search.random(SearchSpace.empty().uniform("m", 0, 1)).trials(1).verbose(false).run(t -> 1.0);
    }

    /** Files in the temp folder whose names start with the given prefix or its temporary form. */
    private static List<Path> leftovers(String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(name)
                    || p.getFileName().toString().startsWith("." + name)).sorted().toList();
        }
    }
}
