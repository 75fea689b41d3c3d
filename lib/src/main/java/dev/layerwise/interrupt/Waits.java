package dev.layerwise.interrupt;

import java.util.function.BooleanSupplier;

/** Waiting on a monitor for something short to finish, without letting an interrupt cut the wait short. */
public final class Waits {
    private Waits() {}

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until {@code done} is true. An interrupt does not
     * end the wait (what is awaited is short, and a stop is honoured at the next batch boundary); it is set
     * again on this thread once the wait is over.
     *
     * @param monitor the object whose lock the caller holds and whose {@code notifyAll} ends a wait
     * @param done read under that lock
     */
    public static void until(Object monitor, BooleanSupplier done) {
        boolean interrupted = false;
        while (!done.getAsBoolean()) {
            try {
                monitor.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
