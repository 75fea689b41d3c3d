package dev.layerwise.kernel.log;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The kernel's own log: lines on the process's original standard error, which Jupyter shows in
 * the terminal that started it (never in a notebook). {@code LAYERWISE_KERNEL_DEBUG=1} adds debug lines;
 * {@code LAYERWISE_KERNEL_TIMING=1} adds one line per request saying where its time went ({@link Phases}).
 */
public final class Log {
    private static final PrintStream ERR = System.err;
    private static final boolean DEBUG = "1".equals(System.getenv("LAYERWISE_KERNEL_DEBUG"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Log() {}

    /** @return the original standard error, captured before the kernel redirects {@code System.err} */
    public static PrintStream stream() {
        return ERR;
    }

    /** @param message what happened */
    public static void info(String message) {
        ERR.println("[layerwise " + LocalTime.now().format(TIME) + "] " + message);
    }

    /** @param message what went wrong and what happens next */
    public static void warn(String message) {
        ERR.println("[layerwise " + LocalTime.now().format(TIME) + " WARN] " + message);
    }

    /**
     * @param message what went wrong
     * @param error the cause
     */
    public static void warn(String message, Throwable error) {
        warn(message + ": " + error);
        if (DEBUG) {
            error.printStackTrace(ERR);
        }
    }

    /**
     * Logs a fault such as {@link OutOfMemoryError} on a thread that must keep running. Never
     * throws: while memory is short even building the line may fail, and then it is skipped.
     *
     * @param where the thread or loop, e.g. {@code "shell loop"}
     * @param error the fault
     */
    public static void fault(String where, Throwable error) {
        try {
            warn(where + ": " + error + "; it keeps running");
        } catch (Throwable stillShort) {
            // Nothing more can be done about a log line that cannot be built; the caller carries on.
        }
    }

    /** @param message detail useful when debugging the protocol */
    public static void debug(String message) {
        if (DEBUG) {
            ERR.println("[layerwise " + LocalTime.now().format(TIME) + " DEBUG] " + message);
        }
    }
}
