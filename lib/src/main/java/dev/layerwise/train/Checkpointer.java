package dev.layerwise.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The default {@code "checkpoint"} callback: writes the learner with {@link Learner#save(Path)}
 * after every complete epoch and when a {@code fit} is stopped or fails, into a folder of its own
 * under {@link Checkpoints#folder()}, keeping the newest three; folders of learners beyond the
 * newest twenty go once they are a day old. Each file is written beside its name
 * and renamed into place, so a crash mid-write leaves the previous checkpoint whole. A checkpoint
 * that cannot be written (a full disk, a schedule written as a lambda) is reported once and
 * training goes on. Turn it off with {@code learner.removeCallback("checkpoint")}; send it
 * elsewhere with {@code learner.callback("checkpoint", Checkpointer.to(folder))}.
 */
public final class Checkpointer implements Callback {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    /** Learners' folders kept in one checkpoint folder; older ones go when a new learner starts writing. */
    static final int LEARNERS_KEPT = 20;
    private final Path root;
    private final int keep;
    private Path folder;
    private boolean warned;
    private long lastSaved;

    private Checkpointer(Path root, int keep) {
        this.root = root;
        this.keep = keep;
    }

    /**
     * Checkpoints into a folder of one's choice, keeping the newest three per learner.
     *
     * @param folder the folder; each learner writes into a subfolder of its own
     * @return the callback
     */
    public static Checkpointer to(Path folder) {
        if (folder == null) {
            throw new IllegalArgumentException("Checkpointer.to(null): expected a folder, e.g. Path.of(\"checkpoints\").");
        }
        return new Checkpointer(folder, 3);
    }

    /**
     * The same, keeping another number of checkpoints per learner.
     *
     * @param count at least 1
     * @return a new callback
     */
    public Checkpointer keep(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("keep(" + count + "): keep at least 1 checkpoint.");
        }
        return new Checkpointer(root, count);
    }

    /** @return this learner's folder, or {@code null} before its first checkpoint */
    public Path folder() {
        return folder;
    }

    @Override
    public void on(Event event, TrainingContext ctx) {
        boolean epochDone = event == Event.EPOCH_END && ctx.epochRecord().complete();
        // a fit that was stopped or failed mid-epoch: keep what it trained since the last checkpoint
        boolean cut = event == Event.FIT_END && ctx.learner().step() > lastSaved;
        if (epochDone || cut) {
            write(ctx.learner());
        }
    }

    private void write(Learner learner) {
        try {
            if (folder == null) {
                String id = LocalDateTime.now().format(ID) + "-" + Integer.toHexString(ThreadLocalRandom.current()
                        .nextInt(0x1000, 0x10000));
                folder = Files.createDirectories(root.resolve(id));
                pruneLearners();
            }
            learner.save(folder.resolve(String.format(Locale.ROOT, "step-%09d%s", learner.step(), Checkpoints.SUFFIX)));
            lastSaved = learner.step();
            prune();
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                System.out.println("Checkpoint not written (" + e.getMessage() + "); training goes on. Save by hand"
                        + " with learner.save(path), or turn checkpoints off: learner.removeCallback(\"checkpoint\").");
            }
        }
    }

    /**
     * Drops learners' folders beyond the newest {@link #LEARNERS_KEPT} (their names start with the
     * time) once they are a day old, so that a search starting many short learners cannot push out
     * the checkpoints of the learner that ran just before it.
     */
    private void pruneLearners() throws IOException {
        List<Path> learners;
        try (Stream<Path> s = Files.list(root)) {
            learners = s.filter(p -> Files.isDirectory(p)
                    && p.getFileName().toString().matches("\\d{8}-\\d{6}-\\p{XDigit}+"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        String dayAgo = LocalDateTime.now().minusDays(1).format(ID);
        for (Path old : learners.subList(Math.min(LEARNERS_KEPT, learners.size()), learners.size())) {
            if (old.getFileName().toString().compareTo(dayAgo) > 0) {
                continue; // written in the last day
            }
            try (Stream<Path> files = Files.walk(old)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private void prune() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(Checkpoints.SUFFIX))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        for (Path old : files.subList(Math.min(keep, files.size()), files.size())) {
            Files.deleteIfExists(old);
        }
    }
}
