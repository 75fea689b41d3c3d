package dev.layerwise.kernel.eval;

import java.util.List;

/**
 * What completion needs to know of the magics, which live above the evaluator: their names, the
 * fixed words each takes, and which take Java code as their argument.
 */
public interface MagicCompletions {
    /** @return every line magic's name without {@code %} */
    List<String> names();

    /**
     * @param magic a magic's name without {@code %}
     * @return the words it takes as arguments (e.g. {@code cpu}, {@code gpu}), empty when none are fixed
     */
    List<String> arguments(String magic);

    /**
     * @param magic a magic's name without {@code %}
     * @return whether its argument is Java code ({@code %time CODE}), completed as Java
     */
    boolean takesCode(String magic);
}
