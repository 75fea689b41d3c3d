package dev.layerwise.kernel.eval;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the kernel's own helper threads in a thread group of their own.
 *
 * <p>A new thread joins the group of the thread that creates it, and JShell's local execution
 * starts each snippet in a fresh group and then waits for every thread it finds there. A timer
 * started lazily from a cell (its first {@code println} schedules the output flush) lands in that
 * group; when the snippet gets there before JShell looks, the cell waits for a thread that never
 * ends, and the kernel hangs. Threads made here belong to a group under the root group, whoever
 * starts them.
 */
final class KernelThreads {
    private static final ThreadGroup GROUP = new ThreadGroup(root(), "layerwise-kernel");

    private KernelThreads() {}

    /**
     * @param name the thread's name
     * @return a factory for daemon threads of that name in the kernel's group
     */
    static ThreadFactory daemon(String name) {
        return task -> {
            Thread t = new Thread(GROUP, task, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static ThreadGroup root() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }
}
