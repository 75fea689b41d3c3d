package dev.layerwise.kernel.protocol;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stdin channel on real ZeroMQ sockets, answered as a front end answers. */
@Tag("unit")
class StdinChannelTest {
    private static final String KEY = "test-key";
    private final WireCodec front = new WireCodec(KEY);
    private ZMQ.Context context;
    private ZMQ.Socket client;
    private StdinChannel channel;
    private Message cell;

    @BeforeEach
    void connect() throws InterruptedException {
        context = ZMQ.context(1);
        ZMQ.Socket router = context.socket(SocketType.ROUTER);
        int port = router.bindToRandomPort("tcp://127.0.0.1");
        channel = new StdinChannel(router, new WireCodec(KEY));
        client = context.socket(SocketType.DEALER);
        client.setIdentity("front".getBytes(StandardCharsets.UTF_8));
        client.setReceiveTimeOut(10_000);
        client.connect("tcp://127.0.0.1:" + port);
        Thread.sleep(200); // the router learns the front end's identity when it connects
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", "cell-1");
        header.addProperty("msg_type", "execute_request");
        cell = new Message(List.of("front".getBytes(StandardCharsets.UTF_8)), header, new JsonObject(), new JsonObject(),
                new JsonObject(), List.of());
    }

    @AfterEach
    void close() {
        channel.close(500);
        client.close();
        context.term();
    }

    private CompletableFuture<String> askInBackground(Thread[] asker) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        asker[0] = new Thread(() -> {
            try {
                answer.complete(channel.ask(cell, "", false));
            } catch (InterruptedException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        asker[0].start();
        return answer;
    }

    private Message nextRequest() throws WireCodec.BadMessageException {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = client.recv(0);
            assertNotNull(frame, "no input_request within 10 s");
            frames.add(frame);
        } while (client.hasReceiveMore());
        return front.decode(frames);
    }

    /** Answers as jupyter_client's {@code input()} does: with no parent header when {@code request} is null. */
    private void answer(Message request, String value) {
        List<byte[]> reply = front.encode(List.of(), "input_reply", Map.of("value", value), request, null);
        for (int i = 0; i < reply.size(); i++) {
            client.send(reply.get(i), i < reply.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    @Test
    void theFrontEndThatSentTheCellIsAskedAndItsReplyIsTheLine() throws Exception {
        CompletableFuture<String> line = askInBackground(new Thread[1]);
        Message request = nextRequest();
        assertEquals("input_request", request.type());
        assertEquals("cell-1", request.parentHeader().get("msg_id").getAsString(), "parented to the cell");
        assertEquals("", request.content().get("prompt").getAsString());
        assertEquals(false, request.content().get("password").getAsBoolean());
        answer(request, "forty-two");
        assertEquals("forty-two", line.get(10, TimeUnit.SECONDS));
        CompletableFuture<String> next = askInBackground(new Thread[1]);
        nextRequest();
        answer(null, "no parent, as jupyter_client's input() sends it");
        assertEquals("no parent, as jupyter_client's input() sends it", next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptedWaitIsWithdrawnAndItsLateReplyIsNotTakenForTheNextLine() throws Exception {
        Thread[] asker = new Thread[1];
        CompletableFuture<String> first = askInBackground(asker);
        Message firstRequest = nextRequest();
        asker[0].interrupt();
        Throwable stopped = first.handle((v, e) -> e).get(10, TimeUnit.SECONDS);
        assertTrue(stopped instanceof InterruptedException, "the waiting thread sees its interrupt: " + stopped);
        answer(null, "too late, before the next question");
        Thread.sleep(300); // it has arrived, with nobody asking
        CompletableFuture<String> second = askInBackground(new Thread[1]);
        Message secondRequest = nextRequest();
        answer(firstRequest, "too late, answering the first question");
        answer(secondRequest, "on time");
        assertEquals("on time", second.get(10, TimeUnit.SECONDS));
    }
}
