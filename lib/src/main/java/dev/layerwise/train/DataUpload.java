package dev.layerwise.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.layerwise.data.Examples;
import dev.layerwise.interrupt.Waits;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One set's arrays in native CPU memory for a learner ({@link DeviceData#shared}), made on a background
 * thread so that it overlaps with what the user does next: started when a learner is made, it is
 * usually done before the first {@code fit}. This only wraps the set's shared
 * {@link dev.layerwise.data.NativeMirror} (begun when the set was loaded, or now) and copies the labels
 * (and a selection's row numbers); a set with no mirror is copied whole. While it is not done, the
 * first steps gather their batches on the host ({@link EpochBatches}). Whoever needs it at once and
 * finds it still queued makes it on their own thread instead of waiting behind other learners'
 * uploads. A cancelled upload frees its arrays as soon as they exist (a mirror they wrap stays, for the
 * other learners). It runs no engine computation, so it does not start a second pool of engine threads.
 */
final class DataUpload {
    private static final ExecutorService COPIER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "layerwise-data-copy");
        t.setDaemon(true);
        return t;
    });

    private final Examples examples;
    private final NDManager manager;
    private boolean claimed;
    private boolean done;
    private boolean cancelled;
    private DeviceData result;
    private RuntimeException failure;

    private DataUpload(Examples examples, NDManager manager) {
        this.examples = examples;
        this.manager = manager;
    }

    /** Starts copying on the background thread. */
    static DataUpload start(Examples examples, NDManager manager) {
        DataUpload u = new DataUpload(examples, manager);
        COPIER.execute(u::runIfUnclaimed);
        return u;
    }

    /** A copy made only when first awaited, on the awaiting thread; for tests of the host path. */
    static DataUpload onDemand(Examples examples, NDManager manager) {
        return new DataUpload(examples, manager);
    }

    /** An upload already made, e.g. to another device on the caller's thread. */
    static DataUpload of(DeviceData data) {
        DataUpload u = new DataUpload(null, null);
        u.claimed = true;
        u.done = true;
        u.result = data;
        return u;
    }

    /** @return whether the copy exists (or failed), so that {@link #await()} returns at once */
    synchronized boolean isDone() {
        return done;
    }

    /**
     * The copy, made now on this thread if the background thread has not begun it, else waited for.
     *
     * @throws IllegalStateException when copying failed (out of memory, say), with the cause
     */
    DeviceData await() {
        runIfUnclaimed();
        synchronized (this) {
            Waits.until(this, () -> done);
            if (failure != null) {
                throw new IllegalStateException("Copying " + examples.name() + " (" + examples.size()
                        + " examples) into native memory failed: " + failure.getMessage(), failure);
            }
            if (cancelled) {
                throw new IllegalStateException("The copy of " + examples.name() + " was dropped (the learner moved"
                        + " or was closed); its next use copies it again.");
            }
            return result;
        }
    }

    /**
     * Drops the copy: freed now if it exists, or as soon as it does. A copy being made is waited for,
     * so that its memory is never written after its manager is closed.
     */
    synchronized void cancel() {
        cancelled = true;
        if (!claimed) { // never begun: it never will be
            claimed = true;
            done = true;
            notifyAll();
            return;
        }
        Waits.until(this, () -> done);
        if (result != null) {
            result.close();
            result = null;
        }
    }

    private void runIfUnclaimed() {
        synchronized (this) {
            if (claimed) {
                return;
            }
            claimed = true;
        }
        DeviceData made = null;
        RuntimeException failed = null;
        try (NDScope scope = new NDScope()) { // on a caller's thread, kept out of any scope it has open
            made = DeviceData.shared(examples, manager, true); // CPU memory: a selection reads the mirror in place
            NDScope.unregister(made.arrays());
        } catch (RuntimeException e) {
            failed = e;
        } catch (OutOfMemoryError e) {
            failed = new IllegalStateException("out of memory: " + e.getMessage(), e);
        }
        synchronized (this) {
            done = true;
            failure = failed;
            if (cancelled && made != null) {
                made.close();
            } else {
                result = made;
            }
            notifyAll();
        }
    }
}
