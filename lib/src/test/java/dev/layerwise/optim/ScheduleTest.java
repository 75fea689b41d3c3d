package dev.layerwise.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Schedules give the expected values at chosen steps and compose. */
@Tag("unit")
class ScheduleTest {
    @Test
    void exponentialFallsGeometricallyAndThenStays() {
        Schedule s = Schedule.exponential(0.5, 1e-4, 1000);
        assertEquals(0.5, s.at(0), 1e-12);
        assertEquals(Math.sqrt(0.5 * 1e-4), s.at(500), 1e-12);
        assertEquals(1e-4, s.at(1000), 1e-12);
        assertEquals(1e-4, s.at(5000), 1e-12);
    }

    @Test
    void linearRisesAndThenStays() {
        Schedule m = Schedule.linear(0.7, 0.995, 100);
        assertEquals(0.7, m.at(0), 1e-12);
        assertEquals(0.8475, m.at(50), 1e-12);
        assertEquals(0.995, m.at(100), 1e-12);
        assertEquals(0.995, m.at(1000), 1e-12);
        assertEquals(0.0, Schedule.linear(0.1, 0, 3).at(3), 0, "exactly the end value, not -1.4e-17 (fit refuses a negative rate)");
    }

    @Test
    void stepCosineAndWarmup() {
        Schedule step = Schedule.step(0.1, 0.5, 10);
        assertEquals(0.1, step.at(9), 1e-12);
        assertEquals(0.05, step.at(10), 1e-12);
        assertEquals(0.025, step.at(25), 1e-12);
        Schedule cos = Schedule.cosine(1, 0, 100);
        assertEquals(1, cos.at(0), 1e-12);
        assertEquals(0.5, cos.at(50), 1e-12);
        assertEquals(0, cos.at(100), 1e-12);
        Schedule warm = Schedule.warmup(4, Schedule.constant(0.2));
        assertEquals(0.05, warm.at(0), 1e-12);
        assertEquals(0.2, warm.at(3), 1e-12);
        assertEquals(0.2, warm.at(100), 1e-12);
    }

    @Test
    void compositionRunsInSequenceOrMultiplies() {
        Schedule seq = Schedule.constant(1).then(10, Schedule.linear(1, 0, 10));
        assertEquals(1, seq.at(9), 1e-12);
        assertEquals(1, seq.at(10), 1e-12);
        assertEquals(0.5, seq.at(15), 1e-12);
        Schedule product = Schedule.warmup(10, Schedule.constant(1)).times(Schedule.exponential(1, 0.01, 100));
        assertEquals(Math.pow(0.01, 0.09), product.at(9), 1e-9, "end of warm-up × decay at step 9");
        assertTrue(product.describe().contains("warmup") && product.describe().contains("exponential"));
    }

    @Test
    void describesAndPlotsItself() {
        Schedule s = Schedule.exponential(0.5, 1e-4, 10_000);
        assertEquals("exponential(0.5 → 0.0001 over 10000 steps)", s.describe());
        assertTrue(s.plot(10_000).toString().contains("exponential"));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(0.5, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> Schedule.linear(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.momentum(Schedule.constant(0.1),
                Schedule.linear(0.7, 1.2, 10)).momentum(1.5));
    }
}
