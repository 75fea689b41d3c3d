package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;
import dev.layerwise.kernel.eval.Evaluator;

import java.util.Locale;

/**
 * {@code %timeit [-n LOOPS] [-r RUNS] CODE}: times CODE in a compiled loop, like IPython's.
 *
 * <p>CODE is compiled once into a JShell method that runs it {@code n} times; the loop count grows
 * tenfold until one run takes at least {@value #TARGET_NS} ns, unless {@code -n} fixes it.
 */
final class TimeitMagic implements Magic {
    static final long TARGET_NS = 200_000_000L;

    @Override
    public String name() {
        return "timeit";
    }

    @Override
    public String usage() {
        return "%timeit [-n LOOPS] [-r RUNS] CODE";
    }

    @Override
    public boolean takesCode() {
        return true;
    }

    @Override
    public String help() {
        return "Times CODE over many loops: mean ± std. dev. of RUNS runs (default 5); Java: System.nanoTime().";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        long loops = 0;
        int runs = 5;
        String rest = args.strip();
        while (rest.startsWith("-n ") || rest.startsWith("-r ")) {
            String[] parts = rest.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IllegalArgumentException("option " + parts[0] + " needs a number and then the code");
            }
            long value = parseCount(parts[0], parts[1]);
            if (parts[0].equals("-n")) {
                loops = value;
            } else {
                runs = (int) Math.min(value, 1000);
            }
            rest = parts[2].strip();
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("nothing to time");
        }
        String code = rest.endsWith(";") ? rest.substring(0, rest.length() - 1) : rest;
        Evaluator ev = context.evaluator();
        CellOutcome defined = ev.evaluate("Object $timeitSink;\nlong $timeit(long n) throws Throwable { long t0 = System.nanoTime();"
                + " for (long i = 0; i < n; i++) { $timeitSink = (" + code + "); } return System.nanoTime() - t0; }");
        if (!defined.ok()) {
            defined = ev.evaluate("long $timeit(long n) throws Throwable { long t0 = System.nanoTime();"
                    + " for (long i = 0; i < n; i++) { " + code + "; } return System.nanoTime() - t0; }");
            if (!defined.ok()) {
                return defined;
            }
        }
        if (loops == 0) {
            loops = 1;
            while (true) {
                CellOutcome probe = ev.evaluate("$timeit(" + loops + "L)");
                if (!probe.ok()) {
                    return probe;
                }
                if ((Long) probe.value() >= TARGET_NS || loops >= 1_000_000_000L) {
                    break;
                }
                loops *= 10;
            }
        }
        double[] perLoop = new double[runs];
        for (int r = 0; r < runs; r++) {
            CellOutcome run = ev.evaluate("$timeit(" + loops + "L)");
            if (!run.ok()) {
                return run;
            }
            perLoop[r] = (Long) run.value() / (double) loops;
        }
        double mean = 0;
        for (double v : perLoop) {
            mean += v;
        }
        mean /= runs;
        double var = 0;
        for (double v : perLoop) {
            var += (v - mean) * (v - mean);
        }
        double std = runs > 1 ? Math.sqrt(var / (runs - 1)) : 0;
        context.out().println(String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %d loop%s each)",
                TimeMagic.format(mean), TimeMagic.format(std), runs, runs == 1 ? "" : "s", loops, loops == 1 ? "" : "s"));
        return CellOutcome.nothing();
    }

    private static long parseCount(String option, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + value + ": expected a positive whole number");
        }
    }
}
