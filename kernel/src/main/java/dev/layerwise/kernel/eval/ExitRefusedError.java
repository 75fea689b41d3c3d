package dev.layerwise.kernel.eval;

/**
 * Thrown in place of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} when cell
 * code calls them: cells run inside the kernel's own JVM, so exiting would end the kernel and lose
 * every variable.
 *
 * <p>An {@link Error} rather than an exception, so that a cell's {@code catch (Exception e)} does
 * not swallow it and carry on past a point where its author meant to stop.
 */
public final class ExitRefusedError extends Error {
    private static final long serialVersionUID = 1L;

    /** @param call the call as written, e.g. {@code System.exit(1)} */
    public ExitRefusedError(String call) {
        super(call + " was called in a cell; the kernel keeps running (variables are kept) and this cell stops here."
                + " To restart the kernel, use Kernel > Restart.");
    }
}
