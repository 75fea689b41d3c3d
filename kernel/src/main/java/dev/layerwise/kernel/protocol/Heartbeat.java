package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.Log;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

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

    private void echo() {
        byte[] ping = socket.recv(0);
        boolean more = socket.hasReceiveMore();
        socket.send(ping, more ? ZMQ.SNDMORE : 0);
        while (more) {
            byte[] part = socket.recv(0);
            more = socket.hasReceiveMore();
            socket.send(part, more ? ZMQ.SNDMORE : 0);
        }
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    echo();
                } catch (VirtualMachineError e) {
                    // A cell filled the heap at the moment a ping arrived; the front end retries.
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
