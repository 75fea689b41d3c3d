package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernel's timers must not join the thread group of the cell that first needs them. */
@Tag("unit")
class KernelThreadsTest {
    @Test
    void theFlushTimerStartedByACellsFirstPrintLivesOutsideTheCellsGroup() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        OutputRouter router = new OutputRouter((stream, text, parent) -> sent.add(text),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        PrintStream saved = System.out;
        router.install();
        ThreadGroup cellGroup = new ThreadGroup("like JShell's execution group");
        try {
            router.begin("cell", false);
            Thread cell = new Thread(cellGroup, () -> System.out.print("first output ever"), "cell");
            cell.start();
            cell.join();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (sent.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            System.setOut(saved);
        }
        assertEquals(List.of("first output ever"), sent, "the timer flushed the text");
        assertEquals(0, cellGroup.activeCount(), "JShell joins every thread in its group just after the snippet starts: a timer there would hold the cell forever");
    }
}
