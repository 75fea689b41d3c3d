package dev.layerwise.kernel.eval;

import dev.layerwise.runtime.Layerwise;

/** Prints the session's startup imports, one per line, for {@code bin/layerwise shell}'s plain jshell. */
public final class PrintImports {
    private PrintImports() {}

    /** @param args ignored */
    public static void main(String[] args) {
        StartupImports.build(Layerwise.class).forEach(System.out::println);
    }
}
