package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/** Reading Linux's CPU counters: only the CPUs this process may use, its own time apart. */
@Tag("unit")
class CpuTimesTest {
    private static final String STAT = String.join("\n",
            "cpu  900 0 300 5000 100 0 0 0 0 0",
            "cpu0 100 0 50 1000 20 0 0 0 0 0",
            "cpu1 200 10 50 900 30 5 5 10 0 0",
            "cpu2 600 0 200 3100 50 0 0 0 0 0",
            "intr 12345 0 0",
            "ctxt 999");
    private static final String SELF = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 70 30 0 0 20 0 40 0";

    @Test
    void countsOnlyTheAllowedCpusAndSplitsIdleFromBusy() {
        BitSet allowed = CpuTimes.allowedCpus("Name:\tjava\nCpus_allowed_list:\t0-1\nMems_allowed:\t1\n");
        CpuTimes t = CpuTimes.parse(STAT, SELF, allowed);
        assertEquals(2, t.cpus());
        // cpu0: 1170 in all, 150 busy; cpu1: 1210 in all, 280 busy (irq, softirq and steal count as busy)
        assertEquals(1170 + 1210, t.total());
        assertEquals(150 + 280, t.busy());
        assertEquals(100, t.own(), "utime 70 + stime 30, read after a command name holding spaces and parentheses");
    }

    @Test
    void allowedListsTakeRangesAndSingles() {
        BitSet s = CpuTimes.allowedCpus("Cpus_allowed_list:\t0-3,8\n");
        assertEquals("{0, 1, 2, 3, 8}", s.toString());
        assertTrue(CpuTimes.allowedCpus("Name:\tx\n").get(17), "no list: every CPU");
    }

    @Test
    void coresBusyElsewhereAreAllBusyTimeLessOurOwnOverOneCpusWallTime() {
        CpuTimes before = new CpuTimes(1000, 4000, 300, 2);
        // 1 s at 100 ticks/s on 2 CPUs: 200 ticks; busy +150 of which ours +50: another program held one core
        CpuTimes after = new CpuTimes(1150, 4200, 350, 2);
        assertEquals(1.0, after.coresBusyElsewhereSince(before), 1e-9);
        assertEquals(0.0, new CpuTimes(1100, 4200, 400, 2).coresBusyElsewhereSince(before), 1e-9,
                "all the busy time was ours");
        assertEquals(0.0, before.coresBusyElsewhereSince(before), "no time passed");
    }

    @Test
    void readsThisMachinesCounters() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "not Linux");
        CpuTimes t = CpuTimes.read().orElseThrow();
        assertTrue(t.cpus() >= 1 && t.total() > 0 && t.busy() >= 0 && t.own() >= 0, t.toString());
    }
}
