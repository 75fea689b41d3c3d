package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Learners checkpoint themselves; a crash never leaves a half-written checkpoint in the way. */
@Tag("engine")
class CheckpointTest {
    private static Learner learner(Path folder, int keep) {
        Learner l = Learner.of(SaveLoadTest.NET, SaveLoadTest.data()).quiet().optimizer(Optimizers.momentum(0.05, 0.9));
        l.callback("checkpoint", Checkpointer.to(folder).keep(keep));
        return l;
    }

    @Test
    void everyEpochWritesOneAndTheNewestFewAreKept(@TempDir Path dir) {
        Learner l = learner(dir, 2);
        l.fit(3);
        Checkpoints all = Checkpoints.list(dir);
        assertEquals(2, all.entries().size(), all.toString());
        assertEquals(List.of(3 * 6L, 2 * 6L), all.entries().stream().map(Checkpoints.Entry::step).toList(),
                "newest first: the ends of epochs 3 and 2 (6 steps each)");
        assertEquals(3, all.entries().get(0).epoch());
        assertTrue(all.toString().contains("step") && all.toString().contains(dir.toString()), all.toString());
        Learner middle = Learner.load(all.entries().get(1).file(), SaveLoadTest.data());
        assertEquals(2, middle.history().epochs().size(), "a checkpoint written during fit(3) holds its history so far");
        assertEquals(12, middle.history().steps().size());
    }

    @Test
    void onlyTheNewestLearnersFoldersAreKept(@TempDir Path dir) throws Exception {
        for (int i = 0; i < Checkpointer.LEARNERS_KEPT + 3; i++) {
            Files.createDirectories(dir.resolve(String.format("20250101-0000%02d-abcd", i)));
        }
        Files.createDirectories(dir.resolve("my-own-folder"));
        learner(dir, 3).fit(1);
        try (var folders = Files.list(dir)) {
            List<String> names = folders.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(Checkpointer.LEARNERS_KEPT + 1, names.size(), "20 learners and a folder that is not one: " + names);
            assertTrue(names.contains("my-own-folder"));
            assertTrue(!names.contains("20250101-000000-abcd") && names.contains("20250101-000022-abcd"), names.toString());
        }
    }

    @Test
    void learnersFromTheLastDayAreNeverPushedOut(@TempDir Path dir) throws Exception {
        java.time.LocalDateTime recent = java.time.LocalDateTime.now().minusHours(1);
        for (int i = 0; i < Checkpointer.LEARNERS_KEPT + 3; i++) {
            Files.createDirectories(dir.resolve(recent.plusSeconds(i).format(
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-abcd"));
        }
        learner(dir, 3).fit(1);
        try (var folders = Files.list(dir)) {
            assertEquals(Checkpointer.LEARNERS_KEPT + 4, folders.count(), "all 23 from the last hour and the new one");
        }
    }

    @Test
    void aStoppedFitIsCheckpointedWhereItStopped(@TempDir Path dir) {
        Learner l = learner(dir, 3);
        l.on(Event.STEP_END, ctx -> {
            if (ctx.step() == 11) { // in the second epoch (6 steps each)
                ctx.stop("enough");
            }
        });
        l.fit(5);
        Checkpoints.Entry newest = Checkpoints.list(dir).entries().get(0);
        assertEquals(11, newest.step());
        Learner back = Learner.load(newest.file(), SaveLoadTest.data());
        l.parameters().forEach((p, v) -> assertArrayEquals(v, back.parameter(p), 0f, p));
    }

    @Test
    void aWriteKilledHalfWayLeavesThePreviousCheckpointReadable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ckpt.layerwise");
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), KeepSaving.class.getName(),
                    file.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int saved = 0;
            while ((line = out.readLine()) != null && saved < 2 + round) {
                saved += line.equals("saved") ? 1 : 0;
            }
            assertTrue(saved > 0, "the child saved at least once");
            Thread.sleep(3L * round); // land the kill at different moments of the next write
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            Learner back = Learner.load(file, SaveLoadTest.data());
            assertTrue(back.step() > 0, "round " + round + ": the last whole checkpoint loads");
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.equals(file)));
        }
    }

    /** A child process that saves a learner to one file over and over, until it is killed. */
    public static final class KeepSaving {
        public static void main(String[] args) throws Exception {
            Learner l = Learner.of(SaveLoadTest.NET, SaveLoadTest.data()).quiet();
            l.removeCallback("checkpoint");
            Path file = Path.of(args[0]);
            while (true) {
                l.fit(1);
                l.save(file);
                System.out.println("saved");
                System.out.flush();
            }
        }
    }
}
