package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.Evaluator;

import java.io.PrintStream;

/**
 * What a magic may use: the evaluator, the registry (for {@code %lsmagic} and {@code %%time}),
 * and standard output (streamed to the cell).
 *
 * @param evaluator the session's evaluator
 * @param magics the registry
 */
public record MagicContext(Evaluator evaluator, Magics magics) {
    /** @return the cell's standard output */
    public PrintStream out() {
        return System.out;
    }
}
