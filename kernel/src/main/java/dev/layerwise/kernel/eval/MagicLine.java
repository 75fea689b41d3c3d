package dev.layerwise.kernel.eval;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of a line magic: a line whose first non-blank characters are {@code %name}, the rest
 * being its arguments. It is defined here, below the magics, because the evaluator must recognise
 * magic lines too: completion, inspection and the completeness check skip them to see a cell's Java.
 *
 * @param name the magic's name without {@code %}, e.g. {@code seed}
 * @param args the rest of the line, trimmed
 */
public record MagicLine(String name, String args) {
    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%([A-Za-z][\\w-]*)(.*)$");

    /**
     * @param line a source line
     * @return whether the line is a line magic
     */
    public static boolean isMagicLine(String line) {
        return LINE_MAGIC.matcher(line).matches();
    }

    /**
     * @param line a source line
     * @return the magic it calls, or empty when it is not a line magic
     */
    public static Optional<MagicLine> parse(String line) {
        Matcher m = LINE_MAGIC.matcher(line);
        return m.matches() ? Optional.of(new MagicLine(m.group(1), m.group(2).strip())) : Optional.empty();
    }
}
