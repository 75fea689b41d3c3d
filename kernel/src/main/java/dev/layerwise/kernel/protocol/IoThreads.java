package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.log.Log;
import org.zeromq.ZMQ;

/**
 * Keeps JeroMQ's own threads (the I/O thread that moves every message, and the reaper) alive
 * through {@link OutOfMemoryError}.
 *
 * <p>A cell that fills the heap makes whichever thread allocates next fail, and JeroMQ's poller
 * loop catches only runtime exceptions: without this, an unlucky heartbeat leaves a live process
 * that never answers again. The loop keeps its state in its own object, so after such a fault it
 * is simply entered again on the same thread.
 */
public final class IoThreads {
    private static final long PAUSE_MS = 20;

    private IoThreads() {}

    /**
     * Makes the context start its threads through {@link #runResilient}; call before its first socket.
     *
     * @param context a new context
     */
    public static void install(ZMQ.Context context) {
        context.setThreadFactor((loop, name) -> {
            Thread t = new Thread(() -> runResilient(loop, name), name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code loop} until it returns, entering it again after each {@link VirtualMachineError}.
     *
     * @param loop a JeroMQ poller loop
     * @param name the thread's name, for the log
     */
    static void runResilient(Runnable loop, String name) {
        while (true) {
            try {
                loop.run();
                return;
            } catch (VirtualMachineError e) {
                // The kernel's memory reserve stays held: while a cell is filling the heap, letting it go here
                // would only feed the fill, and the cell's own failure moments later would find nothing left to
                // report with. The cell's thread lets it go when the cell fails.
                Log.fault(name, e);
                try {
                    Thread.sleep(PAUSE_MS); // let the cell's own failure free the heap before polling again
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
