package dev.layerwise.search;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class SearchSpaceTest {
    private final SearchSpace space = SearchSpace.empty().logUniform("lr", 1e-4, 1).uniform("momentum", 0, 0.9)
            .intRange("width", 8, 12).choice("batch", 10, 50, 100).choice("optimizer", "sgd", "adam");

    @Test
    void samplesRespectBoundsAndChoices() {
        Random random = new Random(1);
        Set<Integer> widths = new HashSet<>();
        Set<String> optimizers = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Params p = space.sample(random);
            assertTrue(p.d("lr") >= 1e-4 && p.d("lr") <= 1, "lr " + p.d("lr"));
            assertTrue(p.d("momentum") >= 0 && p.d("momentum") <= 0.9);
            assertTrue(p.i("width") >= 8 && p.i("width") <= 12);
            assertTrue(Set.of(10, 50, 100).contains(p.i("batch")));
            widths.add(p.i("width"));
            optimizers.add(p.s("optimizer"));
        }
        assertEquals(Set.of(8, 9, 10, 11, 12), widths);
        assertEquals(Set.of("sgd", "adam"), optimizers);
    }

    @Test
    void logUniformSpendsEqualTrialsPerDecade() {
        Random random = new Random(2);
        int[] perDecade = new int[4];
        int n = 8000;
        for (int i = 0; i < n; i++) {
            double lr = space.sample(random).d("lr");
            perDecade[Math.min(3, (int) Math.floor(Math.log10(lr) + 4))]++;
        }
        for (int count : perDecade) {
            assertEquals(n / 4.0, count, n * 0.03, "trials per decade " + java.util.Arrays.toString(perDecade));
        }
    }

    @Test
    void unitCubeMappingRoundTrips() {
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            Params p = space.sample(random);
            double[] u = space.toUnit(p);
            for (double v : u) {
                assertTrue(v >= 0 && v <= 1);
            }
            Params back = space.fromUnit(u);
            assertEquals(p.d("lr"), back.d("lr"), 1e-12 * p.d("lr"));
            assertEquals(p.d("momentum"), back.d("momentum"), 1e-12);
            assertEquals(p.i("width"), back.i("width"));
            assertEquals(p.get("batch"), back.get("batch"));
            assertEquals(p.s("optimizer"), back.s("optimizer"));
        }
        assertEquals(0.5 / 3, space.get("batch").toUnit(10), 1e-12, "choices sit at their cells' centres");
    }

    @Test
    void aTypoNamesTheKnownHyperparameters() {
        Params p = space.sample(new Random(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.d("learningRate"));
        assertTrue(e.getMessage().contains("learningRate") && e.getMessage().contains("[lr, momentum, width, batch,"
                + " optimizer]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.d("optimizer"));
        assertThrows(IllegalArgumentException.class, () -> p.i("lr"));
    }

    @Test
    void badDeclarationsAreRefusedWithTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchSpace.empty().logUniform("lr", 0, 1))
                .getMessage().contains("lo > 0"));
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.empty().uniform("m", 1, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> space.uniform("lr", 0, 1)).getMessage()
                .contains("declared twice"));
        assertThrows(IllegalStateException.class, () -> Search.random(SearchSpace.empty()));
    }
}
