package dev.layerwise.kernel.eval;

import java.util.Objects;

/**
 * What cell code calls instead of {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt}: {@link ExitCallRewriter} redirects those calls here as the cell's classes
 * are loaded. Public only because snippet classes, in their own class loader, must reach it.
 */
public final class ExitGuard {
    private ExitGuard() {}

    /**
     * Replaces {@code System.exit(status)}.
     *
     * @param status the status the cell asked for
     */
    public static void systemExit(int status) {
        throw new ExitRefusedError("System.exit(" + status + ")");
    }

    /**
     * Replaces {@code runtime.exit(status)}.
     *
     * @param runtime the receiver, checked for null as the real call would
     * @param status the status the cell asked for
     */
    public static void runtimeExit(Runtime runtime, int status) {
        Objects.requireNonNull(runtime, "runtime");
        throw new ExitRefusedError("Runtime.getRuntime().exit(" + status + ")");
    }

    /**
     * Replaces {@code runtime.halt(status)}.
     *
     * @param runtime the receiver, checked for null as the real call would
     * @param status the status the cell asked for
     */
    public static void runtimeHalt(Runtime runtime, int status) {
        Objects.requireNonNull(runtime, "runtime");
        throw new ExitRefusedError("Runtime.getRuntime().halt(" + status + ")");
    }
}
