package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The background compiler warm-up stays out of the user's way: while cells come one after another it
 * compiles nothing, so a cell never queues behind warm-up snippets, and it leaves no variable behind.
 */
@Tag("unit")
class CompilerWarmUpTest extends EvaluatorSession {
    private static final int WARM_UPS = 40;

    @Test
    void warmUpWaitsWhileCellsArriveAndCarriesOnAfterwards() throws Exception {
        Thread warmUp = new Thread(() -> evaluator.warmUpCompiler(WARM_UPS), "test-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (evaluator.warmUpsDone() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(evaluator.warmUpsDone() >= 3, "the warm-up never started");

            // A burst of cells, each sent as soon as the last one answered (as "Run all" does).
            assertTrue(evaluator.evaluate("int burst = 0;").ok());
            int before = evaluator.warmUpsDone();
            for (int i = 0; i < 30; i++) {
                CellOutcome out = evaluator.evaluate("burst += 1");
                assertTrue(out.ok(), () -> out.error().text());
                assertEquals(i + 1, out.value());
            }
            int during = evaluator.warmUpsDone() - before;
            // At most the snippet in progress when the burst began (a slack of two for a machine so busy that
            // this thread lost the processor for longer than the quiet period between two cells).
            assertTrue(during <= 3, "the warm-up compiled " + during + " snippets between 30 back-to-back cells");

            int after = evaluator.warmUpsDone();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (evaluator.warmUpsDone() == after && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(evaluator.warmUpsDone() > after, "the warm-up did not resume once the cells stopped");
        } finally {
            warmUp.join(120_000); // not interrupted: an interrupt inside javac could close the jars it reads
        }
        assertEquals(WARM_UPS, evaluator.warmUpsDone());
    }

    @Test
    void startLeavesNoVariableOfItsOwn() {
        assertTrue(evaluator.variables().stream().noneMatch(v -> v.name().startsWith("$layerwise")),
                () -> "variables after start: " + evaluator.variables());
        assertTrue(evaluator.shell().variables().noneMatch(v -> evaluator.shell().status(v).isActive()
                && v.name().startsWith("$layerwise")), "JShell still imports the start's warm-up variable into each snippet");
    }
}
