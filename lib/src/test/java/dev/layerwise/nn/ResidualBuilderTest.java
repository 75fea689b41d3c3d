package dev.layerwise.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * Residual blocks in the builder: the block is built with the main line's methods, its layers get
 * stable names under the block, shapes are checked when the block is added, and the summary, the
 * JSON file and initializers by name all reach inside blocks.
 */
@Tag("unit")
class ResidualBuilderTest {
    /** A small ResNet: stem, an identity block, a downsampling block with a projection, pooling, dense. */
    static Net smallResNet() {
        return Net.input(1, 8, 8).conv2d(4, 3, 1, 1).batchNorm().relu()
                .residual(b -> b.conv2d(4, 3, 1, 1).batchNorm().relu().conv2d(4, 3, 1, 1).batchNorm()).relu()
                .residual(b -> b.conv2d(8, 3, 2, 1).batchNorm().relu().conv2d(8, 3, 1, 1).batchNorm(),
                        Shortcut.projection()).relu()
                .globalAvgPool().dense(3);
    }

    @Test
    void blocksAreCountedLikeLayersAndTheirLayersWithinTheBlock() {
        Net net = smallResNet();
        assertEquals(List.of("conv2d_1", "batchnorm_1", "relu_1", "res_1", "relu_2", "res_2", "relu_3",
                "globalavgpool_1", "dense_1"), net.layerNames());
        assertEquals(List.of("res_2", "res_2.conv2d_1", "res_2.batchnorm_1", "res_2.relu_1", "res_2.conv2d_2",
                "res_2.batchnorm_2", "res_2.shortcut.conv2d_1"),
                net.allLayerNames().subList(net.allLayerNames().indexOf("res_2"), net.allLayerNames().indexOf("relu_3")));
        List<String> params = net.parameters().stream().map(ParamSpec::name).toList();
        assertTrue(params.containsAll(List.of("res_1.conv2d_1.weight", "res_1.batchnorm_2.runningVar",
                "res_2.conv2d_2.bias", "res_2.shortcut.conv2d_1.weight", "dense_1.weight")), params.toString());
        assertEquals("res_1.conv2d_1.weight", params.get(params.indexOf("batchnorm_1.runningVar") + 1),
                "a block's arrays come where the block is, in the order of its layers");
    }

    @Test
    void aBlockTakesItsInputShapeFromTheLayerBeforeAndGivesItsBodysOutputShape() {
        Net net = smallResNet();
        int res2 = net.layerNames().indexOf("res_2");
        assertArrayEquals(new long[] {4, 8, 8}, net.inputShapeOf(res2));
        assertArrayEquals(new long[] {8, 4, 4}, net.outputShapeOf(res2));
        Conv2d projection = (Conv2d) net.layer("res_2.shortcut.conv2d_1");
        assertEquals(1, projection.kernel(), "a 1×1 convolution");
        assertEquals(2, projection.stride(), "with the stride that halves 8×8 to 4×4");
        assertArrayEquals(new long[] {8}, net.outputShapeOf(net.layerNames().indexOf("globalavgpool_1")));
        assertArrayEquals(new long[] {3}, net.outputShape());
    }

    @Test
    void aDenseBlockProjectsWithADenseLayerWhenItsWidthChanges() {
        Net net = Net.input(6).residual(b -> b.dense(5).relu().dense(4), Shortcut.projection());
        assertInstanceOf(Dense.class, net.layer("res_1.shortcut.dense_1"));
        assertEquals(4, ((Dense) net.layer("res_1.shortcut.dense_1")).units());
        assertEquals(6 * 5 + 5 + 5 * 4 + 4 + 6 * 4 + 4, net.paramCount());
    }

    @Test
    void resBlockIsTheBasicBlockWithAReluAfterTheSumAndAProjectionOnlyWhenTheShapeChanges() {
        Net net = Net.input(4, 8, 8).resBlock(4).resBlock(8, 2);
        assertEquals(List.of("res_1", "relu_1", "res_2", "relu_2"), net.layerNames());
        Residual same = (Residual) net.layer("res_1");
        assertEquals(List.of("conv2d_1", "batchnorm_1", "relu_1", "conv2d_2", "batchnorm_2"), same.body().layerNames());
        assertTrue(same.shortcut().layers().isEmpty(), "identity when the shape stays");
        Residual down = (Residual) net.layer("res_2");
        assertEquals(List.of("conv2d_1", "batchnorm_1"), down.shortcut().layerNames(), "1×1 conv and batch norm");
        assertEquals(2, ((Conv2d) down.body().layer("conv2d_1")).stride());
        assertArrayEquals(new long[] {8, 4, 4}, net.outputShape());
        Net dense = Net.input(10).resBlock(10).resBlock(6);
        assertEquals(List.of("dense_1", "batchnorm_1"), ((Residual) dense.layer("res_2")).shortcut().layerNames());
    }

    @Test
    void blocksNestAndKeepTheirNamesUnique() {
        Net net = Net.input(5).residual(b -> b.dense(5).residual(c -> c.dense(5).relu()).dense(5));
        assertTrue(net.allLayerNames().contains("res_1.res_1.dense_1"), net.allLayerNames().toString());
        assertTrue(net.parameters().stream().anyMatch(p -> p.name().equals("res_1.res_1.dense_1.weight")));
    }

    @Test
    void theSummaryShowsEachBlockWithItsLayersIndentedUnderTheirPaths() {
        NetSummary s = smallResNet().summary();
        String text = s.toString();
        assertTrue(text.contains("res_1 (Residual, 5 layers, shortcut: identity)"), text);
        assertTrue(text.contains("  res_1.conv2d_1 (Conv2d, 4 filters 3×3, padding 1)"), text);
        assertTrue(text.contains("  res_1.shortcut (identity)"), text);
        assertTrue(text.contains("res_2 (Residual, 5 layers, shortcut: Conv2d)"), text);
        assertTrue(text.contains("  res_2.shortcut.conv2d_1 (Conv2d, 8 filters 1×1, stride 2)"), text);
        assertTrue(text.contains("globalavgpool_1 (GlobalAvgPool)"), text);
        assertEquals(smallResNet().paramCount(), s.totalParams(), "inner rows are not counted twice");
        String[] block = s.rows().stream().filter(r -> r[0].startsWith("res_2 ")).findFirst().orElseThrow();
        long inBlock = smallResNet().parameters().stream().filter(p -> p.name().startsWith("res_2.")
                && p.role().trainable()).mapToLong(ParamSpec::size).sum();
        assertEquals(String.format("%,d", inBlock), block[2], "the block's row counts all of its parameters");
        assertEquals("[8, 4, 4]", block[1]);
        assertTrue(text.contains("W xavier, b zeros"), "inner layers show the net's default initializers: " + text);
        String html = smallResNet().toMimeBundle().get(dev.layerwise.display.MimeBundle.HTML);
        assertTrue(html.contains("<td style=\"padding-left:1em\">res_1.conv2d_1 (Conv2d"), "indented in HTML too: " + html);
    }

    @Test
    void initializersReachLayersInsideBlocksByPathAndBuilderDefaultsStayWithTheBlock() {
        Net net = smallResNet().init(Init.he()).init("res_2.conv2d_1", Init.lecun())
                .biasInit("res_2.shortcut.conv2d_1", Init.constant(0.5));
        assertEquals("lecun", init(net, "res_2.conv2d_1.weight"));
        assertEquals("he", init(net, "res_2.conv2d_2.weight"), "the net's default reaches inner layers");
        assertEquals("constant(0.5)", init(net, "res_2.shortcut.conv2d_1.bias"));
        Net inside = Net.input(3).residual(b -> b.dense(3).init(Init.normal(0, 0.01))).init(Init.he());
        assertEquals("normal(0, 0.01)", init(inside, "res_1.dense_1.weight"), "set on the block's builder, kept");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> smallResNet().init("res_1.relu_1", Init.he()));
        assertTrue(e.getMessage().contains("res_1.relu_1") && e.getMessage().contains("res_1.conv2d_1"), e.getMessage());
    }

    private static String init(Net net, String param) {
        return net.parameters().stream().filter(p -> p.name().equals(param)).findFirst().orElseThrow().init().toString();
    }

    @Test
    void aBlockSurvivesTheJsonFileWithEveryLayerAndInitializer(@TempDir Path dir) throws Exception {
        Net net = Net.input(4, 8, 8).resBlock(4).resBlock(8, 2)
                .residual(b -> b.conv2d(8, 3, 1, 1).init(Init.he()), Shortcut.of(s -> s.conv2d(8, 1).batchNorm()))
                .globalAvgPool().resBlock(6).dense(2).init("res_1.conv2d_2", Init.constant(0.02));
        for (Net n : List.of(net, smallResNet())) {
            Net back = Net.load(n.save(dir.resolve("resnet.json")));
            assertEquals(n, back, "the same layers, blocks included");
            assertEquals(n.summary().toString(), back.summary().toString());
            assertEquals(NetJson.write(n), NetJson.write(back));
        }
    }

    @Test
    void anIdentityShortcutAroundABodyThatChangesTheShapeNamesTheBlockBothShapesAndTheFix() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Net.input(4, 8, 8)
                .residual(b -> b.conv2d(8, 3, 2, 1)));
        assertEquals("res_1", e.layer());
        assertTrue(e.getMessage().contains("[4, 8, 8]") && e.getMessage().contains("[8, 4, 4]")
                && e.getMessage().contains("Shortcut.projection()"), e.getMessage());
    }

    @Test
    void badBlocksAreRefusedWhenAddedWithTheFix() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Net.input(4).residual(b -> b));
        assertTrue(empty.getMessage().contains("res_1") && empty.getMessage().contains("no layers"), empty.getMessage());
        ShapeMismatchException inner = assertThrows(ShapeMismatchException.class,
                () -> Net.input(2, 6, 6).residual(b -> b.dense(2)));
        assertEquals("res_1.dense_1", inner.layer());
        assertTrue(inner.getMessage().contains("body of res_1") && inner.getMessage().contains(".flatten()"),
                inner.getMessage());
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> Net.input(4).residual(b -> Net.input(4).dense(4)));
        assertTrue(foreign.getMessage().contains("builder the block hands you"), foreign.getMessage());
        ShapeMismatchException flat = assertThrows(ShapeMismatchException.class,
                () -> Net.input(2, 6, 6).residual(b -> b.flatten().dense(8), Shortcut.projection()));
        assertTrue(flat.getMessage().contains("Shortcut.of"), flat.getMessage());
        ShapeMismatchException pool = assertThrows(ShapeMismatchException.class, () -> Net.input(784).globalAvgPool());
        assertTrue(pool.getMessage().contains("globalavgpool_1 receives [784]"), pool.getMessage());
        IllegalArgumentException dot = assertThrows(IllegalArgumentException.class,
                () -> Net.input(4).dense(3).named("a.b"));
        assertTrue(dot.getMessage().contains("dot"), dot.getMessage());
        ShapeMismatchException stride = assertThrows(ShapeMismatchException.class, () -> Net.input(10).resBlock(10, 2));
        assertTrue(stride.getMessage().contains("resBlock(10)"), stride.getMessage());
    }
}
