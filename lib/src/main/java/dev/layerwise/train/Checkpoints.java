package dev.layerwise.train;

import com.google.gson.JsonObject;
import dev.layerwise.data.Dataset;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The checkpoints learners wrote, after a kernel restart or crash: {@code Checkpoints.list()}
 * shows them with their time, step and figures; {@code Checkpoints.restoreNewest(data)} makes a
 * learner from the newest. They live in {@code ~/.layerwise/checkpoints}, one folder per learner,
 * unless {@code LAYERWISE_CHECKPOINTS} (or the property {@code layerwise.checkpoints}) names
 * another folder, or {@code off}.
 */
public final class Checkpoints implements Displayable {
    /** The file ending of learner files. */
    public static final String SUFFIX = ".layerwise";
    private final Path folder;
    private final List<Entry> entries;

    private Checkpoints(Path folder, List<Entry> entries) {
        this.folder = folder;
        this.entries = entries;
    }

    /**
     * One checkpoint.
     *
     * @param file its file
     * @param saved when it was written
     * @param step the learner's step count then
     * @param epoch its complete epochs
     * @param loss the last epoch's training loss (NaN before any)
     * @param testAccuracy the last epoch's test accuracy (NaN when not measured)
     * @param net the net's layers in a few words
     */
    public record Entry(Path file, Instant saved, long step, int epoch, double loss, double testAccuracy, String net) {}

    /** @return the folder new learners checkpoint into, or {@code null} when checkpoints are off */
    public static Path folder() {
        String set = System.getProperty("layerwise.checkpoints", System.getenv("LAYERWISE_CHECKPOINTS"));
        if (set != null && set.strip().equalsIgnoreCase("off")) {
            return null;
        }
        return set != null && !set.isBlank() ? Path.of(set) : Path.of(System.getProperty("user.home"), ".layerwise",
                "checkpoints");
    }

    /** @return the checkpoints in {@link #folder()}, newest first */
    public static Checkpoints list() {
        Path f = folder();
        return f == null ? new Checkpoints(null, List.of()) : list(f);
    }

    /**
     * The checkpoints in a folder (and its learners' subfolders), newest first.
     *
     * @param folder the folder
     * @return them
     */
    public static Checkpoints list(Path folder) {
        List<Entry> found = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.walk(folder, 2)) {
                s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(p -> read(p, found));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the checkpoints in " + folder + ": " + e.getMessage(), e);
            }
        }
        found.sort(Comparator.comparing(Entry::saved).thenComparing(Entry::step).reversed());
        return new Checkpoints(folder, List.copyOf(found));
    }

    /** Reads a checkpoint's summary; a file that cannot be read is left out (a newer one is the one to use). */
    private static void read(Path file, List<Entry> into) {
        JsonObject o = LearnerFile.description(file);
        if (o == null) {
            return;
        }
        JsonObject last = o.has("lastEpoch") ? o.getAsJsonObject("lastEpoch") : new JsonObject();
        into.add(new Entry(file, Instant.parse(o.get("saved").getAsString()), o.get("step").getAsLong(),
                o.get("epoch").getAsInt(), number(last, "loss"), number(last, "testAccuracy"),
                o.has("summary") ? o.get("summary").getAsString() : "?"));
    }

    private static double number(JsonObject o, String key) {
        return o.has(key) ? Double.parseDouble(o.get(key).getAsString()) : Double.NaN;
    }

    /**
     * A learner from the newest checkpoint, to continue training after a restart.
     *
     * @param data the data it trained on
     * @return the learner
     * @throws IllegalStateException when there is no checkpoint
     */
    public static Learner restoreNewest(Dataset data) {
        Checkpoints all = list();
        if (all.entries.isEmpty()) {
            throw new IllegalStateException("No checkpoints in " + all.folder + ". Learners write one after each epoch"
                    + " unless checkpoints are off (LAYERWISE_CHECKPOINTS=off or learner.removeCallback(\"checkpoint\")).");
        }
        Entry newest = all.entries.get(0);
        System.out.println("Restoring " + newest.file() + " (step " + newest.step() + ", epoch " + newest.epoch() + ")");
        return Learner.load(newest.file(), data);
    }

    /** @return the checkpoints, newest first */
    public List<Entry> entries() {
        return entries;
    }

    /** @return one line for a banner, e.g. how many checkpoints and the newest; empty when there are none */
    public String summary() {
        if (entries.isEmpty()) {
            return "";
        }
        Entry n = entries.get(0);
        return String.format(Locale.ROOT, "%d restorable checkpoint%s in %s; newest %s ago (step %d): "
                + "Checkpoints.restoreNewest(data)", entries.size(), entries.size() == 1 ? "" : "s", folder,
                ago(n.saved()), n.step());
    }

    private static String ago(Instant t) {
        long s = Math.max(0, Duration.between(t, Instant.now()).getSeconds());
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172800 ? s / 3600 + " h" : s / 86400 + " days";
    }

    @Override
    public String toString() {
        if (entries.isEmpty()) {
            return "No checkpoints" + (folder == null ? " (checkpoints are off)" : " in " + folder);
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d checkpoints in %s, newest first%n",
                entries.size(), folder));
        b.append("saved                 step  epoch     loss  test acc  net / file\n");
        for (Entry e : entries) {
            b.append(String.format(Locale.ROOT, "%-19s %6d %6d %8s %9s  %s%n", e.saved().toString().substring(0, 19)
                    .replace('T', ' '), e.step(), e.epoch(), Double.isNaN(e.loss()) ? "-" : String.format(Locale.ROOT,
                    "%.4f", e.loss()), Double.isNaN(e.testAccuracy()) ? "-" : String.format(Locale.ROOT, "%.2f%%",
                    100 * e.testAccuracy()), e.net() + " · " + folder.relativize(e.file())));
        }
        return b.toString().stripTrailing();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
