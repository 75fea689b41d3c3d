package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.eval.MemoryReserve;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class IoThreadsTest {
    @Test
    void aLoopThatRunsOutOfMemoryIsEnteredAgainOnTheSameThread() {
        AtomicInteger entries = new AtomicInteger();
        Runnable loop = () -> {
            if (entries.incrementAndGet() < 3) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        };
        IoThreads.runResilient(loop, "test-loop");
        assertEquals(3, entries.get());
    }

    @Test
    void anIoThreadRunningOutOfMemoryLeavesTheReserveToTheCell() {
        // While a cell fills the heap, the I/O thread may fail first; the reserve must still be there when the
        // cell fails moments later, or the cell's error cannot be reported.
        MemoryReserve.restore(); // as before every cell; an earlier test in this JVM may have let it go
        assertTrue(MemoryReserve.held(), "the reserve is held before the fault");
        AtomicInteger entries = new AtomicInteger();
        IoThreads.runResilient(() -> {
            if (entries.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        }, "test-loop");
        assertTrue(MemoryReserve.held(), "an I/O thread's fault must not let the cell's reserve go");
    }

    @Test
    void jeromqRunsItsIoThreadThroughTheResilientLoop() {
        ZMQ.Context context = ZMQ.context(1);
        IoThreads.install(context);
        try (ZMQ.Socket server = context.socket(SocketType.REP); ZMQ.Socket client = context.socket(SocketType.REQ)) {
            int port = server.bindToRandomPort("tcp://127.0.0.1");
            client.connect("tcp://127.0.0.1:" + port);
            client.send("ping");
            server.send(server.recvStr());
            assertEquals("ping", new String(client.recv(), StandardCharsets.UTF_8));
            boolean resilient = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> e.getKey().getName().startsWith("iothread"))
                    .anyMatch(e -> java.util.Arrays.stream(e.getValue())
                            .anyMatch(f -> f.getMethodName().equals("runResilient")));
            assertTrue(resilient, "JeroMQ's I/O thread runs inside IoThreads.runResilient");
        } finally {
            context.term();
        }
    }
}
