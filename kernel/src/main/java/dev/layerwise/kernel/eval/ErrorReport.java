package dev.layerwise.kernel.eval;

import java.util.List;

/**
 * A cell's failure in Jupyter's terms.
 *
 * @param ename the error's name, e.g. {@code java.lang.ArithmeticException} or {@code CompilationException}
 * @param evalue the one-line message
 * @param traceback the lines a front end prints, pointing at cell lines
 */
public record ErrorReport(String ename, String evalue, List<String> traceback) {
    /** @return the traceback as one text block */
    public String text() {
        return String.join("\n", traceback);
    }
}
