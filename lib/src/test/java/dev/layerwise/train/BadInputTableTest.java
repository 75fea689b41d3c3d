package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;
import dev.layerwise.optim.ParamState;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every bad input to the library's public entry points, one row each: the call, the bad input,
 * the exception and the words its message must contain (what happened, what was expected, the
 * fix). Rows that call a learner also check that the learner is exactly as it was — weights,
 * optimizer and its state, history, step count, layer controls, callbacks — and the shared learner
 * trains normally after all of them. The rows live in {@link BadInputRows}; docs/bad-inputs.md
 * lists the same rows for users, and {@link #theDocsListEveryRow()} keeps the two in step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("engine")
class BadInputTableTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void shareOneTrainedLearner() {
        BadInputRows.setUp(dir);
    }

    static Stream<BadInputRows.Row> rows() {
        return BadInputRows.all().stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputFailsEarlyWithWhatHappenedWhatWasExpectedAndTheFix(BadInputRows.Row row) throws Exception {
        Learner learner = row.subject() == null ? null : row.subject().get();
        State before = learner == null ? null : State.of(learner);
        Throwable e = assertThrows(row.type(), () -> row.call().accept(learner), row.toString());
        assertEquals(row.type(), e.getClass(), "exactly the documented type: " + e);
        String message = e.getMessage();
        for (String word : row.words()) {
            assertTrue(message != null && message.contains(word), row + ": the message should mention '" + word
                    + "': " + message);
        }
        if (learner != null) {
            State.of(learner).assertSameAs(before, row.toString());
        }
        if (row.after() != null) {
            row.after().run();
        }
    }

    @Order(2)
    @Test
    void theSharedLearnerTrainsNormallyAfterEveryRejectedCall() {
        Learner learner = BadInputRows.shared();
        long step = learner.step();
        History h = learner.fit(1);
        assertEquals(step + learner.data().batchesPerEpoch(), learner.step());
        assertTrue(Double.isFinite(h.lastEpoch().loss()), "a finite loss: " + h.lastEpoch());
        assertTrue(learner.evaluate().accuracy() > 0.5, "blobs stay learnable: " + learner.evaluate());
    }

    @Test
    void theDocsListEveryRow() throws IOException {
        Path doc = Path.of("..", "docs", "bad-inputs.md");
        assertTrue(Files.isRegularFile(doc), "docs/bad-inputs.md exists next to lib/");
        Set<String> lines = Set.copyOf(Files.readAllLines(doc));
        List<String> missing = new ArrayList<>();
        for (BadInputRows.Row row : BadInputRows.all()) {
            if (!lines.contains(row.markdown())) {
                missing.add(row.markdown());
            }
        }
        assertTrue(missing.isEmpty(), "docs/bad-inputs.md lacks " + missing.size() + " rows (or has them worded"
                + " differently):\n" + String.join("\n", missing));
        long tableRows = lines.stream().filter(l -> l.startsWith("| `")).count();
        assertEquals(BadInputRows.all().size(), tableRows, "one documented row per tested row, no more");
    }

    @Test
    void rowsAreDistinct() {
        Set<String> seen = new java.util.HashSet<>();
        for (BadInputRows.Row row : BadInputRows.all()) {
            assertTrue(seen.add(row.toString()), "row listed twice: " + row);
        }
        assertFalse(seen.isEmpty());
    }

    /** What a rejected call must leave untouched. */
    record State(Map<String, float[]> parameters, Object optimizer, Object loss, Map<String, float[]> optimizerState,
            Map<String, Long> optimizerSteps, int steps, int epochs, int events, long step, int epoch,
            Set<String> frozen, Object layerRates, List<String> callbacks, long seed, boolean validates) {

        static State of(Learner l) {
            Map<String, float[]> state = new LinkedHashMap<>();
            Map<String, Long> stateSteps = new LinkedHashMap<>();
            for (Map.Entry<String, ParamState> p : l.state().optimizerStates().entrySet()) {
                stateSteps.put(p.getKey(), p.getValue().steps());
                p.getValue().slots().forEach((slot, a) -> state.put(p.getKey() + "/" + slot, a.toFloatArray()));
            }
            return new State(l.parameters(), l.optimizer(), l.loss(), state, stateSteps, l.history().steps().size(),
                    l.history().epochs().size(), l.history().events().size(), l.step(), l.epoch(),
                    Set.copyOf(l.frozenLayers()), l.layerRates(), List.copyOf(l.callbackNames()), l.seed(),
                    l.callbackNames().contains("validation"));
        }

        void assertSameAs(State before, String row) {
            String after = " after " + row;
            assertEquals(before.parameters.keySet(), parameters.keySet(), "parameter names" + after);
            before.parameters.forEach((k, v) -> assertArrayEquals(v, parameters.get(k), k + after));
            assertSame(before.optimizer, optimizer, "optimizer" + after);
            assertSame(before.loss, loss, "loss" + after);
            assertEquals(before.optimizerState.keySet(), optimizerState.keySet(), "optimizer state slots" + after);
            before.optimizerState.forEach((k, v) -> assertArrayEquals(v, optimizerState.get(k), k + after));
            assertEquals(before.optimizerSteps, optimizerSteps, "optimizer state steps" + after);
            assertEquals(before.steps, steps, "history steps" + after);
            assertEquals(before.epochs, epochs, "history epochs" + after);
            assertEquals(before.events, events, "history events" + after);
            assertEquals(before.step, step, "step count" + after);
            assertEquals(before.epoch, epoch, "epoch count" + after);
            assertEquals(before.frozen, frozen, "frozen layers" + after);
            assertSame(before.layerRates, layerRates, "layer rates" + after);
            assertEquals(before.callbacks, callbacks, "callbacks" + after);
            assertEquals(before.seed, seed, "seed" + after);
            assertEquals(before.validates, validates, "validation setting" + after);
        }
    }

    /** Small helpers the rows share. */
    static Dataset targetsOnly() {
        Examples reg = Examples.unlabeled("regression", new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 4)
                .withTargets(new float[9], 3);
        return Dataset.of(reg);
    }

    static Dataset blobs() {
        return Datasets.blobs(60, 3, 4, 1.0, 1).batchSize(10);
    }
}
