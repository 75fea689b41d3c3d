package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.log.Log;
import org.zeromq.ZMQ;

import java.util.List;

/** Sends a multipart message whole, even while a cell has filled the heap. */
final class Frames {
    private static final long RETRY_MS = 20;

    private Frames() {}

    /**
     * Sends every frame, all but the last with {@code SNDMORE}. A frame that fails for want of memory
     * is tried again shortly: stopping half-way would glue the rest onto the next message.
     *
     * @param socket the socket, used only by the calling thread
     * @param frames the message's frames
     * @param where the sending thread, for the log
     */
    static void send(ZMQ.Socket socket, List<byte[]> frames, String where) {
        for (int i = 0; i < frames.size(); ) {
            try {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
                i++;
            } catch (VirtualMachineError e) {
                Log.fault(where, e);
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
