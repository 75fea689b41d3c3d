package dev.layerwise.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;

/**
 * One reading of Linux's CPU time counters, in clock ticks: time spent busy and in all on the CPUs
 * this process may run on ({@code /proc/stat}, limited by {@code Cpus_allowed_list}), and this
 * process's own time, every thread included ({@code /proc/self/stat}). Two readings tell how many
 * cores other programs kept busy in between, which the thread count of a fit follows.
 *
 * @param busy ticks the allowed CPUs spent on anything but idle and I/O wait (stolen time included:
 *     a core the hypervisor gives to someone else is as taken as one another program holds)
 * @param total all ticks of the allowed CPUs
 * @param own this process's user and system ticks
 * @param cpus how many CPUs were counted
 */
record CpuTimes(long busy, long total, long own, int cpus) {
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF_STAT = Path.of("/proc/self/stat");
    private static final Path SELF_STATUS = Path.of("/proc/self/status");

    /**
     * Reads the counters now.
     *
     * @return the reading, or empty where {@code /proc} is missing or unreadable (not Linux)
     */
    static Optional<CpuTimes> read() {
        try {
            BitSet allowed = allowedCpus(Files.readString(SELF_STATUS));
            return Optional.of(parse(Files.readString(STAT), Files.readString(SELF_STAT), allowed));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Cores other programs kept busy between an earlier reading and this one: all busy time less this
     * process's, over the wall time of one CPU.
     *
     * @param before the earlier reading
     * @return cores busy elsewhere, 0 or more; 0 when no time passed
     */
    double coresBusyElsewhereSince(CpuTimes before) {
        long ticks = total - before.total;
        if (ticks <= 0 || cpus == 0) {
            return 0;
        }
        double perCpu = ticks / (double) cpus;
        return Math.max(0, ((busy - before.busy) - (own - before.own)) / perCpu);
    }

    /** Parses {@code /proc/stat} and {@code /proc/self/stat}, counting only the allowed CPUs. */
    static CpuTimes parse(String procStat, String selfStat, BitSet allowed) {
        long busy = 0;
        long total = 0;
        int cpus = 0;
        for (String line : procStat.split("\n")) {
            if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3))) {
                continue; // the aggregate "cpu" line and everything else
            }
            String[] f = line.trim().split("\\s+");
            if (!allowed.get(Integer.parseInt(f[0].substring(3)))) {
                continue;
            }
            long sum = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                sum += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            busy += sum - idle;
            total += sum;
            cpus++;
        }
        // the command name, in parentheses, may hold spaces: fields count from after its ')'
        String[] f = selfStat.substring(selfStat.lastIndexOf(')') + 2).trim().split("\\s+");
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        return new CpuTimes(busy, total, own, cpus);
    }

    /** The CPUs in {@code Cpus_allowed_list} ("0-3,8"); every CPU when the line is missing. */
    static BitSet allowedCpus(String selfStatus) {
        BitSet set = new BitSet();
        for (String line : selfStatus.split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                for (String part : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                    String[] range = part.trim().split("-");
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    set.set(from, to + 1);
                }
                return set;
            }
        }
        set.set(0, Integer.MAX_VALUE);
        return set;
    }
}
