package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;
import dev.layerwise.kernel.eval.ErrorReport;
import dev.layerwise.kernel.eval.Evaluator;
import dev.layerwise.kernel.eval.MagicCompletions;
import dev.layerwise.kernel.eval.MagicLine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a cell: peels off magic lines and hands the Java code between them to the evaluator, in
 * order, stopping at the first error.
 *
 * <p>A line whose first non-blank characters are {@code %name} is a line magic. A first line
 * {@code %%time} makes the whole cell timed. Code keeps its line numbers: magic lines are blanked,
 * not removed, so errors still point at the right cell line.
 */
public final class Magics implements MagicCompletions {
    private final Map<String, Magic> magics = new TreeMap<>();
    private final MagicContext context;

    /** @param evaluator the session's evaluator */
    public Magics(Evaluator evaluator) {
        this.context = new MagicContext(evaluator, this);
        for (Magic m : List.of(new LsMagic(), new TimeMagic(), new TimeitMagic(), new SeedMagic(), new ThreadsMagic(),
                new DeviceMagic(), new ClasspathMagic(), new MavenMagic(), new LoadMagic(), new CheckpointsMagic(),
                new WhosMagic())) {
            magics.put(m.name(), m);
        }
    }

    /** @return every magic, sorted by name */
    public Collection<Magic> all() {
        return magics.values();
    }

    /** @return every magic's name without {@code %}, sorted: what completion offers on a {@code %} line */
    @Override
    public List<String> names() {
        return List.copyOf(magics.keySet());
    }

    @Override
    public List<String> arguments(String magic) {
        Magic m = magics.get(magic);
        try {
            return m == null ? List.of() : m.arguments(context);
        } catch (RuntimeException e) {
            return List.of(); // completion never fails a request
        }
    }

    @Override
    public boolean takesCode(String magic) {
        Magic m = magics.get(magic);
        return m != null && m.takesCode();
    }

    /**
     * Runs a whole cell.
     *
     * @param cell the cell's text
     * @return the outcome of its last part
     */
    public CellOutcome runCell(String cell) {
        String[] lines = cell.split("\n", -1);
        String first = lines[0].strip();
        if (first.startsWith("%%")) {
            String name = first.substring(2).split("\\s+", 2)[0];
            if (!name.equals("time")) {
                return usageError("%%" + name, "unknown cell magic; the only cell magic is %%time (see %lsmagic)");
            }
            lines[0] = "";
            return TimeMagic.timed(context.out(), () -> runLines(lines));
        }
        return runLines(lines);
    }

    private CellOutcome runLines(String[] lines) {
        CellOutcome last = CellOutcome.nothing();
        int segmentStart = 0;
        for (int i = 0; i <= lines.length; i++) {
            boolean magic = i < lines.length && MagicLine.isMagicLine(lines[i]);
            if (i == lines.length || magic) {
                if (hasCode(lines, segmentStart, i)) {
                    last = context.evaluator().evaluate(segment(lines, segmentStart, i));
                    if (!last.ok()) {
                        return last;
                    }
                }
                if (magic) {
                    last = runLine(lines[i]);
                    if (!last.ok()) {
                        return last;
                    }
                }
                segmentStart = i + 1;
            }
        }
        return last;
    }

    private static boolean hasCode(String[] lines, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!lines[i].isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** The lines [from, to) with every earlier line blanked, so line numbers stay the cell's. */
    private static String segment(String[] lines, int from, int to) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n".repeat(from));
        for (int i = from; i < to; i++) {
            sb.append(lines[i]).append(i < to - 1 ? "\n" : "");
        }
        return sb.toString();
    }

    /**
     * Runs one magic line such as {@code %seed 42}.
     *
     * @param line the line
     * @return its outcome
     */
    public CellOutcome runLine(String line) {
        Optional<MagicLine> parsed = MagicLine.parse(line);
        if (parsed.isEmpty()) {
            return usageError(line.strip(), "not a magic line; magics look like %name arguments");
        }
        String name = parsed.get().name();
        Magic magic = magics.get(name);
        if (magic == null) {
            return usageError("%" + name, "unknown magic; available: " + String.join(", ",
                    magics.keySet().stream().map(k -> "%" + k).toList()) + " (see %lsmagic)");
        }
        try {
            CellOutcome outcome = magic.run(parsed.get().args(), context);
            return outcome == null ? CellOutcome.nothing() : outcome;
        } catch (IllegalArgumentException e) {
            return usageError("%" + name, e.getMessage() + "\nusage: " + magic.usage());
        } catch (Exception | LinkageError e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return CellOutcome.failed(new ErrorReport(e.getClass().getName(), "%" + name + ": " + msg,
                    List.of("\u001b[0;31m%" + name + " failed\u001b[0m: " + msg)));
        }
    }

    private static CellOutcome usageError(String what, String message) {
        return CellOutcome.failed(new ErrorReport("UsageError", what + ": " + message,
                List.of("\u001b[0;31mUsageError\u001b[0m: " + what + ": " + message)));
    }

    /** @return the evaluator magics run against */
    public Evaluator evaluator() {
        return context.evaluator();
    }
}
