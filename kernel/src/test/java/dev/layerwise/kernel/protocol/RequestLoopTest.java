package dev.layerwise.kernel.protocol;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request loop on real ZeroMQ sockets, driven as a front end would drive it. */
@Tag("unit")
class RequestLoopTest {
    private static final String KEY = "test-key";

    /** What a front end saw for one execute_request: the reply, and IOPub's messages up to idle. */
    private record Seen(JsonObject reply, List<String> iopub, List<JsonObject> errors) {}

    @Test
    void aHandlerThatFailsStillAnswersAndShowsTheErrorInTheNotebook() throws Exception {
        Seen seen = execute(request -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        });
        assertEquals("error", seen.reply().get("status").getAsString());
        assertEquals("java.lang.OutOfMemoryError", seen.reply().get("ename").getAsString());
        assertEquals(List.of("busy", "error", "idle"), seen.iopub(), "iopub messages for the failed request");
        assertTrue(seen.errors().get(0).get("evalue").getAsString().contains("Java heap space"), seen.errors().toString());
    }

    @Test
    void aHandlerThatFailsAfterShowingItsErrorIsNotShownTwice() throws Exception {
        Seen seen = execute(request -> {
            request.publish("error", Map.of("ename", "CompilationException", "evalue", "cell line 1: ';' expected",
                    "traceback", List.of("cell line 1: ';' expected")));
            throw new OutOfMemoryError("Java heap space (simulated)");
        });
        assertEquals("error", seen.reply().get("status").getAsString());
        assertEquals(List.of("busy", "error", "idle"), seen.iopub(), "one error output, the handler's own");
        assertEquals("CompilationException", seen.errors().get(0).get("ename").getAsString());
    }

    @Test
    void aFailureWhoseAnswerDoesNotFitInTheHeapAtFirstIsStillAnswered() throws Exception {
        // The first attempt to describe the failure runs out of memory too, as it can while a cell holds the heap.
        OutOfMemoryError failure = new OutOfMemoryError() {
            private int asked;

            @Override
            public String getMessage() {
                if (asked++ == 0) {
                    throw new OutOfMemoryError("no room to describe the failure (simulated)");
                }
                return "Java heap space (simulated)";
            }
        };
        Seen seen = execute(request -> {
            throw failure;
        });
        assertEquals("error", seen.reply().get("status").getAsString());
        assertEquals(List.of("busy", "error", "idle"), seen.iopub(), "iopub messages for the failed request");
        assertTrue(seen.errors().get(0).get("evalue").getAsString().contains("Java heap space"), seen.errors().toString());
    }

    private static Seen execute(Handler handler) throws Exception {
        ZMQ.Context context = ZMQ.context(1);
        WireCodec codec = new WireCodec(KEY);
        // The loop and the Iopub own (and close) the router and the publisher.
        ZMQ.Socket router = context.socket(SocketType.ROUTER);
        ZMQ.Socket pub = context.socket(SocketType.PUB);
        Iopub iopub = null;
        boolean looping = false;
        try (ZMQ.Socket client = context.socket(SocketType.DEALER); ZMQ.Socket sub = context.socket(SocketType.SUB)) {
            int shellPort = router.bindToRandomPort("tcp://127.0.0.1");
            int iopubPort = pub.bindToRandomPort("tcp://127.0.0.1");
            sub.connect("tcp://127.0.0.1:" + iopubPort);
            sub.subscribe(new byte[0]);
            client.connect("tcp://127.0.0.1:" + shellPort);
            client.setReceiveTimeOut(10_000);
            sub.setReceiveTimeOut(10_000);
            Thread.sleep(200); // let the subscription reach the publisher before anything is published
            iopub = new Iopub(pub, codec);
            new RequestLoop("shell", router, codec, iopub, Map.of("execute_request", handler)).start();
            looping = true;

            WireCodec front = new WireCodec(KEY);
            List<byte[]> request = front.encode(List.of(), "execute_request", Map.of("code", "1 + 1", "silent", false), null, null);
            for (int i = 0; i < request.size(); i++) {
                client.send(request.get(i), i < request.size() - 1 ? ZMQ.SNDMORE : 0);
            }
            JsonObject reply = front.decode(receive(client)).content();
            List<String> types = new ArrayList<>();
            List<JsonObject> errors = new ArrayList<>();
            while (!types.contains("idle")) {
                Message m = front.decode(receive(sub));
                types.add(m.type().equals("status") ? m.content().get("execution_state").getAsString() : m.type());
                if (m.type().equals("error")) {
                    errors.add(m.content());
                }
            }
            return new Seen(reply, types, errors);
        } finally {
            if (iopub != null) {
                iopub.close(200);
            } else {
                pub.close();
            }
            if (!looping) {
                router.close();
            }
            context.term(); // waits for the loop, which closes the router when the context ends
        }
    }

    private static List<byte[]> receive(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv(0);
            assertNotNull(frame, "no message within 10 s");
            frames.add(frame);
        } while (socket.hasReceiveMore());
        return frames;
    }
}
