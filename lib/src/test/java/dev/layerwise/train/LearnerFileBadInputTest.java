package dev.layerwise.train;

import static dev.layerwise.ErrorMessages.assertMentions;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A bad learner file fails with what is wrong and what to do, before any learner is made. */
@Tag("engine")
class LearnerFileBadInputTest {
    @TempDir
    Path dir;

    private Path saved() throws IOException {
        Learner l = Learner.of(SaveLoadTest.NET, SaveLoadTest.data()).quiet().optimizer(Optimizers.adam(0.01));
        l.removeCallback("checkpoint");
        l.fit(1);
        return l.save(dir.resolve("good.layerwise"));
    }

    @Test
    void aTruncatedFileSaysSoAndPointsToAnEarlierCopy() throws IOException {
        byte[] whole = Files.readAllBytes(saved());
        Path cut = Files.write(dir.resolve("cut.layerwise"), Arrays.copyOf(whole, whole.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.load(cut, SaveLoadTest.data()));
        assertMentions(e, "cut.layerwise", "truncated");
    }

    @Test
    void aFileThatIsNotALearnerFileSaysWhatIsMissing() throws IOException {
        Path other = Files.writeString(dir.resolve("notes.layerwise"), "not a zip at all");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.load(other, SaveLoadTest.data()));
        assertMentions(e, "notes.layerwise", "not a complete learner file", "learner.json");
    }

    @Test
    void aFileFromANewerVersionIsRefusedWithBothVersions() throws IOException {
        Path newer = rewrite(saved(), "newer.layerwise", meta -> {
            meta.addProperty("format", LearnerFile.FORMAT + 1);
            meta.addProperty("library", "9.0.0");
            return meta;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.load(newer, SaveLoadTest.data()));
        assertMentions(e, "format " + (LearnerFile.FORMAT + 1), "library 9.0.0", "reads format " + LearnerFile.FORMAT);
    }

    @Test
    void anUnknownOptimizerIsNamed() throws IOException {
        Path odd = rewrite(saved(), "odd.layerwise", meta -> {
            meta.getAsJsonObject("optimizer").addProperty("kind", "lion");
            return meta;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.load(odd, SaveLoadTest.data()));
        assertMentions(e, "Unknown optimizer 'lion'", "adam", "newer Layerwise");
    }

    @Test
    void weightsOfAnotherShapeNameTheLayerAndBothShapes() throws IOException {
        Path wider = rewrite(saved(), "wider.layerwise", meta -> {
            JsonObject net = meta.getAsJsonObject("net");
            net.getAsJsonArray("layers").get(0).getAsJsonObject().addProperty("units", 20);
            return meta;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.load(wider, SaveLoadTest.data()));
        assertMentions(e, "dense_1.", "in the file but", "in the net (layer dense_1)", "different net");
    }

    @Test
    void aMissingParameterIsNamed() throws IOException {
        Path longer = rewrite(saved(), "longer.layerwise", meta -> {
            JsonObject extra = new JsonObject();
            extra.addProperty("type", "Dense");
            extra.addProperty("name", "dense_4");
            extra.addProperty("units", 2);
            meta.getAsJsonObject("net").getAsJsonArray("layers").add(extra);
            return meta;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.load(longer, SaveLoadTest.data()));
        assertMentions(e, "missing [dense_4.weight, dense_4.bias]");
    }

    @Test
    void aScheduleWrittenAsALambdaCannotBeSavedAndSaysWhatToUse() {
        Learner l = Learner.of(Net.input(2).dense(2), SaveLoadTest.data()).quiet()
                .optimizer(Optimizers.sgd(step -> 0.1 / (1 + step)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.save(dir.resolve("lambda.layerwise")));
        assertMentions(e, "learning rate", "lambda", "Schedule's factories");
        assertFalse(Files.exists(dir.resolve("lambda.layerwise")), "nothing is written");
    }

    /** Copies a learner file with its learner.json changed. */
    private Path rewrite(Path from, String name, UnaryOperator<JsonObject> change) throws IOException {
        return rewrite(from, dir.resolve(name), change);
    }

    /** A copy of a learner file with its learner.json changed. */
    static Path rewrite(Path from, Path to, UnaryOperator<JsonObject> change) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(from); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                parts.put(e.getName(), zip.readAllBytes());
            }
        }
        JsonObject meta = JsonParser.parseString(new String(parts.get("learner.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
        parts.put("learner.json", change.apply(meta).toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> p : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue());
                zip.closeEntry();
            }
        }
        return Files.write(to, bytes.toByteArray());
    }
}
