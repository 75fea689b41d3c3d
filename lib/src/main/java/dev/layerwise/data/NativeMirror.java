package dev.layerwise.data;

import dev.layerwise.interrupt.Waits;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data set's stored floats copied once into native memory and shared by every learner, as NumPy
 * holds a set that {@code torch.from_numpy} then wraps at no cost: the engine wraps these buffers
 * without a copy, so N learners on one set hold it once, and a learner's first epoch does not copy it.
 *
 * <p>One mirror per stored {@code float[]} (features, and targets when a set has its own), so every
 * view of it ({@link Examples#subset}, {@link Examples#slice}, splits, reshapes) shares it. It lives
 * exactly as long as that array: the map holds the array weakly, and the direct buffer is freed by
 * the JVM once the array and every tensor wrapping the buffer are gone. Closing a learner never frees
 * it. A mirror is made at most once, on a background thread when {@link #start} asks early (the
 * built-in loaders do), else by whoever needs it first; an array over 2 GiB, or one that does not fit
 * in the JVM's direct memory ({@code -XX:MaxDirectMemorySize}), gets none and is copied per learner
 * as before. The buffers are read-only by contract: nothing may write into them.
 */
public final class NativeMirror {
    /** Byte alignment of a mirror's start: a cache line, and what vectorised kernels like. */
    private static final int ALIGNMENT = 64;
    /** The largest mirror; lowered by tests of the fallback. One buffer holds at most 2 GiB. */
    static long maxBytes = Integer.MAX_VALUE - 2L * ALIGNMENT;
    /** Mirrors made in this process; for tests of sharing. */
    static final AtomicInteger MADE = new AtomicInteger();

    /** Stored array → its mirror; arrays hash by identity, and are held weakly. Guarded by itself. */
    private static final Map<float[], Slot> SLOTS = new WeakHashMap<>();
    private static final ExecutorService COPIER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "layerwise-data-mirror");
        t.setDaemon(true);
        return t;
    });

    private NativeMirror() {}

    /**
     * Starts mirroring a set's stored features (and its own targets) on a background thread, unless
     * that is made or under way; a loader calls it so that the mirror exists by the time a learner does.
     *
     * @param examples any view of the set
     */
    public static void start(Examples examples) {
        startArray(examples.featureArray(), examples.name() + "'s features");
        if (examples.hasTargets() && examples.targetArray() != examples.featureArray()) {
            startArray(examples.targetArray(), examples.name() + "'s targets");
        }
    }

    /**
     * Where a view's rows are in its set's mirror; never write into the memory.
     *
     * @param memory native floats in native byte order, {@code rows × width}: only the view's rows when
     *     they are one run of stored rows (the whole set, a subset, a slice), else every stored row
     * @param rows how many rows {@code memory} holds
     * @param index {@code null} when {@code memory}'s rows are the view's, in order; else (a selection:
     *     a split's part, a resampling) the row in {@code memory} of each of the view's examples, in order
     */
    public record Rows(ByteBuffer memory, int rows, int[] index) {}

    /**
     * The view's features in the set's shared mirror, made now (or waited for) when not there yet.
     *
     * @param examples the view
     * @return where its rows are, or {@code null} when its array gets no mirror (too large for one)
     */
    public static Rows features(Examples examples) {
        return rows(examples, examples.featureArray(), examples.sampleSize(), "features");
    }

    /**
     * The view's target rows in the set's shared mirror, as {@link #features} does for features.
     *
     * @param examples a view with targets
     * @return where its target rows are, or {@code null} as for {@link #features}
     */
    public static Rows targets(Examples examples) {
        ExampleBuffers.requireTargets(examples);
        return rows(examples, examples.targetArray(), examples.targetSize(), "targets");
    }

    private static Rows rows(Examples examples, float[] values, int width, String what) {
        ByteBuffer whole = slot(values).await(values, examples.name() + "'s " + what);
        if (whole == null) {
            return null;
        }
        int n = examples.size();
        if (examples.storedInOneRun()) {
            int from = examples.physicalRow(0) * width * Float.BYTES;
            return new Rows(whole.slice(from, n * width * Float.BYTES).order(ByteOrder.nativeOrder()), n, null);
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = examples.physicalRow(i);
        }
        return new Rows(whole.duplicate().order(ByteOrder.nativeOrder()), values.length / width, index);
    }

    private static void startArray(float[] values, String what) {
        Slot slot = slot(values);
        if (slot.isClaimed()) {
            return;
        }
        WeakReference<float[]> ref = new WeakReference<>(values); // a queued task keeps no set alive
        COPIER.execute(() -> {
            float[] stillThere = ref.get();
            if (stillThere != null) {
                slot.makeIfUnclaimed(stillThere, what);
            }
        });
    }

    /** @return how many arrays have a mirror made, under way or skipped, among those still reachable */
    static int live() {
        synchronized (SLOTS) {
            return SLOTS.size();
        }
    }

    private static Slot slot(float[] values) {
        synchronized (SLOTS) {
            return SLOTS.computeIfAbsent(values, k -> new Slot());
        }
    }

    /**
     * A copy of the values into a new direct buffer aligned to {@link #ALIGNMENT}, or {@code null} (and
     * a note on standard error) when it is too large or direct memory is exhausted.
     */
    private static ByteBuffer copy(float[] values, String what) {
        long bytes = (long) values.length * Float.BYTES;
        String size = String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
        if (bytes > maxBytes) {
            System.err.println("Layerwise: " + what + " (" + size + ") are more than one native buffer holds ("
                    + maxBytes + " bytes); each learner copies the rows it uses instead of sharing one native copy.");
            return null;
        }
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.allocateDirect((int) bytes + 2 * ALIGNMENT).alignedSlice(ALIGNMENT)
                    .slice(0, (int) bytes).order(ByteOrder.nativeOrder());
        } catch (OutOfMemoryError e) {
            System.err.println("Layerwise: " + what + " (" + size + ") do not fit in the JVM's direct memory ("
                    + e.getMessage() + "); each learner copies the set instead of sharing one native copy. Raise"
                    + " -XX:MaxDirectMemorySize (by default the heap's -Xmx) to share it.");
            return null;
        }
        ExampleBuffers.putInPieces(values, 0, values.length, buffer.asFloatBuffer());
        MADE.incrementAndGet();
        return buffer;
    }

    /** One array's mirror: not begun, being made, or made (a buffer, or none when it was skipped). */
    private static final class Slot {
        private boolean claimed;
        private boolean done;
        private ByteBuffer buffer;

        synchronized boolean isClaimed() {
            return claimed;
        }

        /** Makes the mirror on this thread unless another has begun it. */
        void makeIfUnclaimed(float[] values, String what) {
            synchronized (this) {
                if (claimed) {
                    return;
                }
                claimed = true;
            }
            ByteBuffer made = null;
            try {
                made = copy(values, what);
            } finally { // even if the copy failed, nobody waits forever
                synchronized (this) {
                    buffer = made;
                    done = true;
                    notifyAll();
                }
            }
        }

        /** The mirror, made now on this thread if nobody has begun it, else waited for. */
        ByteBuffer await(float[] values, String what) {
            makeIfUnclaimed(values, what);
            synchronized (this) {
                Waits.until(this, () -> done);
                return buffer;
            }
        }
    }
}
