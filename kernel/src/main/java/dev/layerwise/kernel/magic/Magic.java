package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;

import java.util.List;

/**
 * A line magic such as {@code %seed 42}: a short command that calls one public Java method, named
 * in its {@link #help()}, and prints what it changed.
 */
public interface Magic {
    /** @return the name without {@code %}, e.g. {@code seed} */
    String name();

    /** @return one usage line, e.g. {@code %seed N} */
    String usage();

    /** @return what it does and the Java call it maps to */
    String help();

    /**
     * Runs the magic.
     *
     * @param args the rest of the line after the name, trimmed
     * @param context the evaluator and the other magics
     * @return the outcome; a value here becomes the cell's value when the magic is the last line
     * @throws Exception on failure; the message is shown as the cell's error
     */
    CellOutcome run(String args, MagicContext context) throws Exception;

    /**
     * The words completion offers after the name, e.g. {@code cpu} and {@code gpu} for {@code %device}.
     *
     * @param context the session, for arguments that depend on it
     * @return the fixed arguments; none by default
     */
    default List<String> arguments(MagicContext context) {
        return List.of();
    }

    /** @return whether the argument is Java code, which completion then completes as Java */
    default boolean takesCode() {
        return false;
    }
}
