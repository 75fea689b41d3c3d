package dev.layerwise.train;

import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ShapeMismatchException;
import dev.layerwise.nn.Shortcut;
import dev.layerwise.optim.Optimizers;

import java.util.List;
import java.util.function.Supplier;

/**
 * The rows of {@link BadInputTableTest} for residual blocks and global average pooling: shapes
 * checked when a block is added, blocks built wrongly, and layer names inside blocks misspelt on a
 * learner whose net has blocks.
 */
final class SkipConnectionRows {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<ShapeMismatchException> SHAPE = ShapeMismatchException.class;
    private static Learner withBlocks;

    private SkipConnectionRows() {}

    /** A trained learner on blobs: dense_1, res_1 (a dense resBlock with a projection shortcut), relu_1, dense_2. */
    private static synchronized Learner withBlocks() {
        if (withBlocks == null) {
            withBlocks = Learner.of(Net.input(4).dense(6).resBlock(8).dense(3), Datasets.blobs(60, 3, 4, 1.0, 1)
                    .batchSize(10)).optimizer(Optimizers.momentum(0.05, 0.9)).quiet();
            withBlocks.fit(1);
        }
        return withBlocks;
    }

    static List<BadInputRows.Row> all() {
        Supplier<Learner> learner = SkipConnectionRows::withBlocks;
        return List.of(
                row("Net.residual", "identity shortcut around a body that changes the shape", SHAPE, "Use a projection:"
                        + " residual(b -> …, Shortcut.projection()), or keep the body's output shape.",
                        () -> Net.input(4, 8, 8).residual(b -> b.conv2d(8, 3, 2, 1)), "res_1", "[4, 8, 8]",
                        "[8, 4, 4]", "must have the same shape", "Shortcut.projection()"),
                row("Net.residual", "an empty body (b -> b)", IAE, "Give the block layers, or leave the block out.",
                        () -> Net.input(4).residual(b -> b), "res_1", "no layers", "residual(b -> b.conv2d("),
                row("Net.residual", "a layer in the body that cannot take its input", SHAPE, "Fix that layer as the"
                        + " message says; the block's input is the shape of the layer before it.",
                        () -> Net.input(2, 6, 6).residual(b -> b.dense(2)), "In the body of res_1", "dense_1",
                        "[2, 6, 6]", ".flatten()"),
                row("Net.residual", "a body not built from the builder it is given", IAE, "Build on the builder the"
                        + " lambda receives: residual(b -> b.dense(64)…), not a new Net.input(…).",
                        () -> Net.input(4).residual(b -> Net.input(4).dense(4)), "res_1", "builder the block hands you"),
                row("Net.residual", "null body", IAE, "Pass the body as a lambda, e.g. residual(b -> b.dense(64)).",
                        () -> Net.input(4).residual(null), "residual(null)"),
                row("Net.residual", "projection to a shape a 1×1 conv cannot reach", SHAPE, "Give the shortcut its own"
                        + " layers with Shortcut.of(s -> …).", () -> Net.input(2, 6, 6).residual(b -> b.flatten()
                        .dense(8), Shortcut.projection()), "res_1", "[2, 6, 6]", "[8]", "Shortcut.of"),
                row("Shortcut.of", "null", IAE, "Pass a function that adds layers, or use Shortcut.identity() or"
                        + " Shortcut.projection().", () -> Shortcut.of(null), "Shortcut.of(null)"),
                row("Net.resBlock", "width 0", IAE, "A width and a stride of at least 1, e.g. resBlock(32, 2).",
                        () -> Net.input(4, 8, 8).resBlock(0, 1), "resBlock(0, 1)", "at least 1"),
                row("Net.resBlock", "a stride on a vector input", SHAPE, "Strides shrink images; on vectors use"
                        + " resBlock(width).", () -> Net.input(10).resBlock(10, 2), "res_1", "[10]", "resBlock(10)"),
                row("Net.globalAvgPool", "flat input [784]", SHAPE, "Leave it out, or place it after the conv layers"
                        + " and before flatten() or dense.", () -> Net.input(784).globalAvgPool(),
                        "globalavgpool_1 receives [784]", "already a vector"),
                row("Net.named", "a name with a dot", IAE, "Pick a name without dots; dots join a block's name to its"
                        + " layers' (res_1.conv2d_1).", () -> Net.input(4).dense(3).named("block.dense"),
                        "block.dense", "not allowed", "dot"),
                on(learner, "Learner.layerRate", "a misspelt layer inside a block", "Use a name the message lists,"
                        + " e.g. res_1.dense_1, or a pattern such as res_1.*.", l -> l.layerRate("res_1.conv_1", 2),
                        "res_1.conv_1", "no layer matches", "res_1.dense_1"),
                on(learner, "Learner.freeze", "a block's shortcut without a layer name", "Name the shortcut's layers,"
                        + " e.g. res_1.shortcut.*.", l -> l.freeze("res_1.shortcut"), "res_1.shortcut",
                        "no layer matches", "res_1.shortcut.dense_1"));
    }

    private static BadInputRows.Row on(Supplier<Learner> learner, String entry, String bad, String fix,
            BadInputRows.Call call, String... words) {
        return new BadInputRows.Row(entry, bad, IAE, fix, List.of(words), learner, call, null);
    }

    private static BadInputRows.Row row(String entry, String bad, Class<? extends Throwable> type, String fix,
            Runnable call, String... words) {
        return new BadInputRows.Row(entry, bad, type, fix, List.of(words), null, l -> call.run(), null);
    }
}
