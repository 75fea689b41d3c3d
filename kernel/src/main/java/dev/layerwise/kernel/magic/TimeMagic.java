package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Supplier;

/** {@code %time CODE} and the cell magic {@code %%time}: run once and print wall and CPU time. */
final class TimeMagic implements Magic {
    @Override
    public String name() {
        return "time";
    }

    @Override
    public String usage() {
        return "%time CODE   |   %%time (first line)";
    }

    @Override
    public boolean takesCode() {
        return true;
    }

    @Override
    public String help() {
        return "Runs CODE (or the cell) once and prints wall time and process CPU time; Java: System.nanoTime().";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        if (args.isBlank()) {
            throw new IllegalArgumentException("nothing to time");
        }
        return timed(context.out(), () -> context.evaluator().evaluate(args));
    }

    static CellOutcome timed(PrintStream out, Supplier<CellOutcome> body) {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        CellOutcome outcome = body.get();
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        out.println(String.format(Locale.ROOT, "Wall time: %s%s", format(wall),
                cpu >= 0 ? "  (process CPU time: " + format(cpu) + ")" : ""));
        out.flush();
        return outcome;
    }

    static String format(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        } else if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.3g µs", nanos / 1e3);
        } else if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.3g ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3g s", nanos / 1e9);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
