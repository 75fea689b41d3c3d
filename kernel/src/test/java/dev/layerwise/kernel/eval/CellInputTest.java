package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Scanner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class CellInputTest {
    final List<String> events = new ArrayList<>();
    final CellInput input = new CellInput(() -> events.add("flushed"));

    /** A front end that answers each question with the next of these lines. */
    CellInput.LineSource answering(String... lines) {
        Deque<String> left = new ArrayDeque<>(List.of(lines));
        return prompt -> {
            events.add("asked");
            return left.remove();
        };
    }

    @Test
    void scannerReadsTheLinesTheFrontEndSends() {
        input.begin(answering("Ada Lovelace", "36 1815"), "unused");
        Scanner in = new Scanner(input, StandardCharsets.UTF_8);
        assertEquals("Ada Lovelace", in.nextLine());
        assertEquals(36, in.nextInt());
        assertEquals(1815, in.nextInt());
        assertEquals(List.of("flushed", "asked", "flushed", "asked"), events, "output is sent before each question");
    }

    @Test
    void bufferedReaderReadsOneLinePerQuestion() throws Exception {
        input.begin(answering("first", "ünïcode second"), "unused");
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        assertEquals("first", in.readLine());
        assertEquals(List.of("flushed", "asked"), events, "the reader does not ask ahead for a second line");
        assertEquals("ünïcode second", in.readLine());
    }

    @Test
    void aFrontEndThatTakesNoInputFailsTheReadWithTheReason() {
        input.begin(null, "System.in: this front end takes no input");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new Scanner(input).nextLine(),
                "unchecked, so Scanner cannot swallow it into 'No line found'");
        assertEquals("System.in: this front end takes no input", e.getMessage());
        input.end();
        e = assertThrows(UncheckedIOException.class, input::read);
        assertEquals(CellInput.NO_CELL, e.getMessage());
    }

    @Test
    void whatTheLastCellLeftUnreadIsDropped() {
        input.begin(answering("abc"), "unused");
        assertEquals('a', input.read());
        input.begin(answering("next"), "unused");
        assertEquals("next", new Scanner(input).nextLine());
    }

    @Test
    void anInterruptWhileWaitingEndsTheRead() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        input.begin(prompt -> {
            asked.countDown();
            Thread.sleep(60_000);
            return "never";
        }, "unused");
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                new Scanner(input).nextLine();
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        reader.start();
        assertTrue(asked.await(10, TimeUnit.SECONDS));
        reader.interrupt();
        Throwable e = failure.get(10, TimeUnit.SECONDS);
        assertTrue(e instanceof UncheckedIOException && e.getCause() instanceof InterruptedIOException, String.valueOf(e));
        assertTrue(e.getMessage().contains("interrupted while it waited for input"), e.getMessage());
    }
}
