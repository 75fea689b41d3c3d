package dev.layerwise.kernel.eval;

/**
 * A block of heap held back for the kernel itself. When a cell runs out of memory — often with a
 * variable still holding nearly all of the heap — the block is let go at once, so that JShell, the
 * error report and the reply still have room; it is taken back before a later cell once the heap
 * has space for it again.
 */
public final class MemoryReserve {
    /** 16 MB, or a sixteenth of a small heap: enough to compile a cell and send a reply. */
    static final int SIZE = (int) Math.min(16L << 20, Runtime.getRuntime().maxMemory() / 16);
    private static volatile byte[] reserve = new byte[SIZE];

    private MemoryReserve() {}

    /** Lets the block go; call on {@link OutOfMemoryError}, before anything else allocates. */
    public static void release() {
        reserve = null;
    }

    /** @return whether the block is held, that is, still there for the next cell that runs out of memory */
    public static boolean held() {
        return reserve != null;
    }

    /** Takes the block back when the heap has room for it four times over; cheap when it is held. */
    public static void restore() {
        if (reserve != null) {
            return;
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (free > 4L * SIZE) {
            try {
                reserve = new byte[SIZE];
            } catch (OutOfMemoryError stillShort) {
                // Garbage counted as free space ran out after all; try again before the next cell.
            }
        }
    }
}
