package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.log.Log;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.util.ArrayList;
import java.util.List;

/**
 * Echoes heartbeat pings on their own thread, so a busy cell never looks like a dead kernel; a cell
 * that fills the heap costs at most a ping, not the thread.
 */
public final class Heartbeat implements Runnable {
    private final ZMQ.Socket socket;

    /** @param socket the bound REP socket, owned by this object from now on */
    public Heartbeat(ZMQ.Socket socket) {
        this.socket = socket;
    }

    /** @return the started daemon thread */
    public Thread start() {
        Thread t = new Thread(this, "layerwise-heartbeat");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Receives one ping whole, then echoes it whole: a REP socket that stopped half-way could never receive again. */
    private void echo() {
        List<byte[]> frames = new ArrayList<>(1);
        do {
            frames.add(socket.recv(0));
        } while (socket.hasReceiveMore());
        Frames.send(socket, frames, "heartbeat"); // retries a frame that fails for want of memory
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    echo();
                } catch (VirtualMachineError e) {
                    // A cell filled the heap while a ping was being read: that ping is lost, the front end retries.
                    Log.fault("heartbeat", e);
                }
            }
        } catch (ZMQException | zmq.ZError.IOException | IllegalStateException e) {
            Log.debug("heartbeat ends: " + e);
        } finally {
            socket.setLinger(0);
            socket.close();
        }
    }
}
