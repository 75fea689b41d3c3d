package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/** The free-core count a fit follows, with hysteresis so that noise does not flip it. */
@Tag("unit")
class BusyCoresTest {
    @Test
    void oneCoreTakenOnTwoLeavesOneAndItComesBackWhenFreed() {
        assertEquals(1, BusyCores.decide(2, 2, 1.0));
        assertEquals(1, BusyCores.decide(2, 2, 0.55), "a little over half a core taken is enough to give one up");
        assertEquals(2, BusyCores.decide(2, 2, 0.4), "under half a core taken keeps both");
        assertEquals(1, BusyCores.decide(1, 2, 0.4), "and does not win the second back either");
        assertEquals(1, BusyCores.decide(1, 2, 0.3));
        assertEquals(2, BusyCores.decide(1, 2, 0.2), "a fifth of a core taken: the second comes back");
        assertEquals(1, BusyCores.decide(2, 2, 2.0), "never fewer than one");
        assertEquals(13, BusyCores.decide(16, 16, 3.2));
        assertEquals(16, BusyCores.decide(13, 16, 0.1));
    }

    @Test
    void theSamplerDecidesOverAWindowOfReadings() {
        BusyCores cores = new BusyCores(Optional::empty, 2);
        // each period: 50 ticks per CPU; busy +75 a period, 25 of it ours: 1 core busy elsewhere
        for (int i = 1; i <= 3; i++) {
            cores.record(new CpuTimes(75L * i, 100L * i, 25L * i, 2));
        }
        assertEquals(1.0, cores.busyElsewhere(), 1e-9);
        assertEquals(1, cores.free());
        for (int i = 4; i <= 6; i++) { // now only our own time: idle elsewhere
            cores.record(new CpuTimes(225 + 25L * (i - 3), 100L * i, 75 + 25L * (i - 3), 2));
        }
        assertEquals(0.0, cores.busyElsewhere(), 1e-9);
        assertEquals(2, cores.free());
    }

    @Test
    void withoutCountersEveryCoreCountsAsFree() {
        BusyCores cores = new BusyCores(Optional::empty, 4);
        cores.fitStarted();
        cores.fitEnded();
        assertEquals(4, cores.free());
    }

    @Test
    void aCountLimitedByTheProcessorsJavaMayUse() {
        BusyCores cores = new BusyCores(Optional::empty, 2); // a container's quota of 2 on an 8-CPU host
        for (int i = 0; i <= 2; i++) {
            cores.record(new CpuTimes(100L * i, 800L * i, 100L * i, 8)); // idle elsewhere
        }
        assertEquals(2, cores.free());
    }
}
