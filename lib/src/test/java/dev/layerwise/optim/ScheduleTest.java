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
    void sutskeverMomentumStepsUpEvery250UpdatesAsPublished() {
        Schedule mu = Schedule.sutskeverMomentum(0.99);
        // μ_t = min(1 − 2^(−1 − log₂(⌊t/250⌋ + 1)), μ_max), Sutskever et al. 2013, written out literally
        for (long t : new long[] {0, 1, 249, 250, 499, 500, 750, 999, 1000, 2500, 12_249, 12_250, 100_000}) {
            double published = Math.min(1 - Math.pow(2, -1 - Math.log(Math.floor(t / 250.0) + 1) / Math.log(2)), 0.99);
            assertEquals(published, mu.at(t), 1e-12, "step " + t);
        }
        assertEquals(0.5, mu.at(0), 0);
        assertEquals(0.5, mu.at(249), 0);
        assertEquals(0.75, mu.at(250), 0);
        assertEquals(1 - 1 / 6.0, mu.at(500), 1e-15);
        assertEquals(0.875, mu.at(750), 0);
        assertEquals(0.9, mu.at(1000), 1e-15);
        assertEquals(0.99, mu.at(12_250), 0, "⌊12250/250⌋ + 1 = 50: 1 − 1/100 reaches μ_max");
        assertEquals(0.99, mu.at(1_000_000), 0, "capped at μ_max");
        assertEquals(0.9, Schedule.sutskeverMomentum(0.9).at(5000), 0);
        assertEquals(mu.describe(), OptimizerJson.readSchedule(OptimizerJson.write(mu, "momentum")).describe());
        assertEquals(mu.at(777), OptimizerJson.readSchedule(OptimizerJson.write(mu, "momentum")).at(777), 0,
                "a saved learner makes the same schedule again");
        assertThrows(IllegalArgumentException.class, () -> Schedule.sutskeverMomentum(1.0));
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
