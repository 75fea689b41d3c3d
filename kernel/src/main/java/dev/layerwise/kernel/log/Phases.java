package dev.layerwise.kernel.log;

import java.util.Locale;

/**
 * Where one request's time goes, for {@code LAYERWISE_KERNEL_TIMING=1}: each request thread marks the
 * end of each phase, and at the end one log line lists the phases in milliseconds, e.g.
 * {@code timing execute_request: decode 0.04, split 0.21, javac 6.10, load 0.30, run 0.25, ... total 7.9}.
 *
 * <p>Off by default, and then every call returns at once. The marks of one request are kept per
 * thread: the shell and control loops each time their own requests. Phases with the same name are
 * added together (a cell of three snippets runs javac three times).
 */
public final class Phases {
    private static final boolean ON = "1".equals(System.getenv("LAYERWISE_KERNEL_TIMING"));
    private static final ThreadLocal<Phases> CURRENT = new ThreadLocal<>();
    private static final int MAX = 16;
    private final String request;
    private final long start;
    private long last;
    private final String[] names = new String[MAX];
    private final long[] nanos = new long[MAX];
    private int count;

    private Phases(String request, long start) {
        this.request = request;
        this.start = start;
        this.last = start;
    }

    /** @return whether phase timing is on ({@code LAYERWISE_KERNEL_TIMING=1}) */
    public static boolean on() {
        return ON;
    }

    /**
     * Starts timing a request on this thread.
     *
     * @param request its type, e.g. {@code execute_request}
     * @param receivedNanos {@link System#nanoTime()} when its first frame arrived
     */
    public static void begin(String request, long receivedNanos) {
        if (ON) {
            CURRENT.set(new Phases(request, receivedNanos));
        }
    }

    /**
     * Ends the phase that began at the previous mark (or at {@link #begin}).
     *
     * @param phase its name, e.g. {@code javac}
     */
    public static void mark(String phase) {
        if (ON) {
            Phases p = CURRENT.get();
            if (p != null) {
                p.add(phase, System.nanoTime());
            }
        }
    }

    /** Logs the request's phases and forgets them. */
    public static void end() {
        if (ON) {
            Phases p = CURRENT.get();
            CURRENT.remove();
            if (p != null) {
                Log.info(p.line(System.nanoTime()));
            }
        }
    }

    private void add(String phase, long now) {
        long spent = now - last;
        last = now;
        for (int i = 0; i < count; i++) {
            if (names[i].equals(phase)) {
                nanos[i] += spent;
                return;
            }
        }
        if (count < MAX) {
            names[count] = phase;
            nanos[count++] = spent;
        }
    }

    private String line(long now) {
        StringBuilder sb = new StringBuilder("timing ").append(request).append(':');
        for (int i = 0; i < count; i++) {
            sb.append(' ').append(names[i]).append(String.format(Locale.ROOT, " %.2f,", nanos[i] / 1e6));
        }
        sb.append(String.format(Locale.ROOT, " rest %.2f, total %.2f ms", (now - last) / 1e6, (now - start) / 1e6));
        return sb.toString();
    }
}
