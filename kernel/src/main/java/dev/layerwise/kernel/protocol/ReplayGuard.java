package dev.layerwise.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the signatures of recently accepted messages so that a captured message sent again
 * is refused, as Jupyter's own {@code Session} does with its digest history.
 *
 * <p>Every genuine message carries a fresh {@code msg_id} in its signed header, so two genuine
 * messages never share a signature. The history is bounded: past {@link #capacity} entries the
 * oldest are forgotten in a ring. Thread-safe: the shell and control loops share one guard.
 */
final class ReplayGuard {
    private final int capacity;
    private final String[] ring;
    private final Set<String> seen;
    private int next;

    /** @param capacity how many signatures to remember; Jupyter keeps 65,536 */
    ReplayGuard(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.ring = new String[capacity];
        this.seen = new HashSet<>(capacity * 2);
    }

    /**
     * Records a verified signature.
     *
     * @param signature the message's hex signature
     * @return false when the same signature was accepted before: the message is a replay
     */
    synchronized boolean firstTime(byte[] signature) {
        String s = new String(signature, StandardCharsets.US_ASCII);
        if (!seen.add(s)) {
            return false;
        }
        String evicted = ring[next];
        if (evicted != null) {
            seen.remove(evicted);
        }
        ring[next] = s;
        next = (next + 1) % capacity;
        return true;
    }
}
