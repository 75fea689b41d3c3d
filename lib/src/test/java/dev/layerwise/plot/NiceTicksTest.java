package dev.layerwise.plot;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ticks at 1, 2 or 5 × 10^k, the smallest such step whose labels fit; labels written as people write numbers. */
@Tag("unit")
class NiceTicksTest {
    /** Eight pixels a character, as a stand-in for a font. */
    private static double width(String label) {
        return 8.0 * label.length();
    }

    private static List<String> labels(double from, double to, double pixels) {
        return NiceTicks.of(from, to, pixels, NiceTicksTest::width, 10, false).stream().map(NiceTicks.Tick::label).toList();
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTenAndLabelsFit() {
        for (double to : new double[] {3, 10, 73, 999, 1000, 12_345, 123_457, 6e6, 0.03, 2.7}) {
            for (double pixels : new double[] {120, 330, 480, 900}) {
                List<NiceTicks.Tick> ticks = NiceTicks.of(0, to, pixels, NiceTicksTest::width, 10, false);
                assertTrue(ticks.size() >= 2, to + " on " + pixels + " px: " + ticks);
                double step = ticks.get(1).value() - ticks.get(0).value();
                double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
                assertTrue(List.of(1L, 2L, 5L).contains(Math.round(mantissa)) && Math.abs(mantissa - Math.round(mantissa))
                        < 1e-6, "step " + step + " for 0…" + to);
                double widest = ticks.stream().mapToDouble(t -> width(t.label())).max().orElseThrow();
                assertTrue(widest + 10 <= step / to * pixels + 1e-9, "labels overlap: " + ticks + " on " + pixels + " px");
                for (int i = 1; i < ticks.size(); i++) {
                    assertEquals(step, ticks.get(i).value() - ticks.get(i - 1).value(), step * 1e-9, ticks.toString());
                }
            }
        }
    }

    @Test
    void theStepIsTheSmallestThatFits() {
        assertEquals(List.of("0", "200", "400", "600", "800", "1000"), labels(0, 1000, 330));
        assertEquals(List.of("0", "100", "200", "300", "400", "500", "600", "700", "800", "900", "1000"),
                labels(0, 1000, 900));
    }

    @Test
    void labelsReadAsNumbersAreWritten() {
        assertEquals(List.of("0", "20k", "40k", "60k", "80k", "100k", "120k"), labels(0, 123_457, 330));
        assertEquals(List.of("0", "50k", "100k"), labels(0, 123_457, 200));
        assertEquals(List.of("0", "2M", "4M", "6M"), labels(0, 6e6, 250));
        assertEquals(List.of("0", "0.01", "0.02", "0.03"), labels(0, 0.03, 250));
        assertEquals(List.of("−0.2", "0", "0.2"), labels(-0.25, 0.25, 200));
        assertEquals(List.of("2000", "4000", "6000", "8000"), labels(1, 9000, 330));
        assertEquals(List.of("1.0", "1.5", "2.0", "2.5", "3.0"), labels(1, 3, 330));
        assertEquals(List.of("1", "2", "3"), NiceTicks.of(1, 3, 330, NiceTicksTest::width, 10, true).stream()
                .map(NiceTicks.Tick::label).toList(), "an axis that counts steps has whole-number ticks");
    }

    @Test
    void anEmptyRangeHasOneTickAndNonsenseNone() {
        assertEquals(List.of("5"), labels(5, 5, 300));
        assertEquals(List.of(), labels(0, Double.NaN, 300));
        assertEquals(List.of(), labels(0, 1, 0));
    }

    @Test
    void smoothingFollowsTheDataFromTheFirstPointAndKeepsALevelSeriesLevel() {
        double[] smooth = Smoothing.ema(0.9).apply(new double[] {4, 4, 4, Double.NaN, 4}, false);
        assertEquals(4, smooth[0], 1e-12);
        assertEquals(4, smooth[4], 1e-12);
        assertTrue(Double.isNaN(smooth[3]));
        // bias-corrected: after 1 then 3 the average is (0.9 × 0.1 × 1 + 0.1 × 3) / (1 − 0.81)
        assertEquals((0.09 + 0.3) / 0.19, Smoothing.ema(0.9).apply(new double[] {1, 3}, false)[1], 1e-12);
        // on a log axis it averages logarithms, so a spike of 100 weighs as 2 decades, not as 100
        assertEquals(Math.exp((0.5 * 0.5 * Math.log(1) + 0.5 * Math.log(100)) / 0.75),
                Smoothing.ema(0.5).apply(new double[] {1, 100}, true)[1], 1e-9);
        assertEquals("EMA 0.95", Smoothing.DEFAULT.toString());
        assertTrue(Smoothing.none().isNone());
        assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(1));
    }
}
