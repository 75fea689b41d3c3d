package dev.layerwise.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.display.MimeBundle;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The builder reads like the network: names, initializers, summary, and early, clear errors. */
@Tag("unit")
class NetBuilderTest {
    private static final Net DEEP = Net.input(784).dense(30).sigmoid().dense(30).sigmoid().dense(10)
            .init(Init.normal(0, 1));

    @Test
    void layersGetStableNamesPerKind() {
        assertEquals(List.of("dense_1", "sigmoid_1", "dense_2", "sigmoid_2", "dense_3"), DEEP.layerNames());
    }

    @Test
    void namedRenamesTheLastLayerAndParametersFollow() {
        Net net = Net.input(4).dense(3).named("hidden").relu().dense(2).named("out");
        assertEquals(List.of("hidden", "relu_1", "out"), net.layerNames());
        assertEquals(List.of("hidden.weight", "hidden.bias", "out.weight", "out.bias"),
                net.parameters().stream().map(ParamSpec::name).toList());
    }

    @Test
    void builderIsImmutable() {
        Net base = Net.input(4).dense(3);
        Net longer = base.relu();
        assertEquals(1, base.layers().size());
        assertEquals(2, longer.layers().size());
    }

    @Test
    void netInitIsTheDefaultAndLayerInitOverridesIt() {
        Net net = DEEP.init("dense_2", Init.xavier()).biasInit(Init.normal(0, 1));
        List<ParamSpec> p = net.parameters();
        assertEquals("normal(0, 1)", p.get(0).init().toString());
        assertEquals("xavier", p.get(2).init().toString());
        assertEquals("normal(0, 1)", p.get(1).init().toString(), "bias default changed net-wide");
        assertEquals("he", Net.input(4).dense(3, Init.he()).parameters().get(0).init().toString());
    }

    @Test
    void summaryListsEveryLayerWithShapeParamsAndInit() {
        NetSummary s = DEEP.summary();
        String text = s.toString();
        assertTrue(text.contains("dense_1 (Dense, 30 units)"), text);
        assertTrue(text.contains("23,550"), text);
        assertTrue(text.contains("W normal(0, 1), b zeros"), text);
        assertTrue(text.contains("Total params: 24,790"), text);
        assertEquals(784 * 30 + 30 + 30 * 30 + 30 + 30 * 10 + 10, s.totalParams());
        MimeBundle bundle = DEEP.toMimeBundle();
        assertTrue(bundle.get(MimeBundle.HTML).contains("<td>dense_2 (Dense, 30 units)</td>"));
        assertEquals(text, bundle.text());
    }

    @Test
    void denseAfterConvWithoutFlattenNamesTheLayerAndTheFix() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Net.input(1, 28, 28).conv2d(8, 5).relu().dense(10));
        assertEquals("dense_1", e.layer());
        assertTrue(e.getMessage().contains("[8, 24, 24]"), e.getMessage());
        assertTrue(e.getMessage().contains("flatten()"), e.getMessage());
    }

    @Test
    void convOnFlatInputSaysToUseImages() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Net.input(784).conv2d(8, 5));
        assertTrue(e.getMessage().contains("conv2d_1 receives [784]"), e.getMessage());
        assertTrue(e.getMessage().contains("images()"), e.getMessage());
    }

    @Test
    void kernelLargerThanImageIsRejected() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Net.input(1, 4, 4).conv2d(2, 5));
        assertTrue(e.getMessage().contains("kernel"), e.getMessage());
    }

    @Test
    void zeroUnitsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Net.input(784).dense(0));
        assertTrue(e.getMessage().contains("dense(0)") && e.getMessage().contains("at least 1 unit"), e.getMessage());
    }

    @Test
    void dropoutRateOutsideZeroToOneIsRejected() {
        for (double rate : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Net.input(10).dropout(rate));
            assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        }
    }

    @Test
    void duplicateAndUnknownNamesAreRejected() {
        Net net = Net.input(4).dense(3).named("h");
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> net.dense(2).named("h"));
        assertTrue(dup.getMessage().contains("already used"), dup.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> net.init("nope", Init.he()));
        assertTrue(unknown.getMessage().contains("Layers: [h]"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Net.input(0));
    }
}
