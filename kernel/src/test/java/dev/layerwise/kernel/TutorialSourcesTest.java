package dev.layerwise.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code bin/layerwise tutorials} relies on in every tutorial that asserts a claim: it reads
 * {@code LAYERWISE_TUTORIAL_SCALE} and {@code LAYERWISE_TUTORIAL_SEED} and seeds its data with the seed, its claim
 * cell prints the measured numbers on a line starting {@code claim:}, the text before that cell says over how many
 * seeds the claims held, and the source is committed without outputs.
 */
@Tag("unit")
class TutorialSourcesTest {
    private static final Path TUTORIALS = Path.of("").toAbsolutePath().getParent().resolve("tutorials");
    private static final Pattern SEEDED_DATA = Pattern.compile("\\.seed\\((\\d+ \\+ )?seed\\)");

    private record Cell(String type, String source, JsonObject json) {}

    private static List<Cell> cells(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        List<Cell> cells = new ArrayList<>();
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            JsonElement src = c.get("source");
            StringBuilder text = new StringBuilder();
            if (src.isJsonArray()) {
                src.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            } else {
                text.append(src.getAsString());
            }
            cells.add(new Cell(c.get("cell_type").getAsString(), text.toString(), c));
        }
        return cells;
    }

    private static List<Path> claimingTutorials() throws IOException {
        try (Stream<Path> files = Files.list(TUTORIALS)) {
            List<Path> all = files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.ipynb")
                    && !p.toString().endsWith(".executed.ipynb")).sorted().toList();
            List<Path> claiming = new ArrayList<>();
            for (Path p : all) {
                // a tutorial that trains nothing (00 checks arithmetic only) has no seed or scale to vary
                List<Cell> cells = cells(p);
                boolean trains = cells.stream().anyMatch(c -> c.source().contains("Learner.of("));
                if (trains && cells.stream().anyMatch(c -> c.source().contains("throw new AssertionError"))) {
                    claiming.add(p);
                }
            }
            return claiming;
        }
    }

    @Test
    void everyClaimingTutorialReadsScaleAndSeedAndPrintsItsClaimsAndIsCommittedWithoutOutputs() throws IOException {
        List<Path> tutorials = claimingTutorials();
        assertFalse(tutorials.isEmpty(), "no tutorials with claims under " + TUTORIALS);
        for (Path t : tutorials) {
            String name = t.getFileName().toString();
            List<Cell> cells = cells(t);
            String code = String.join("\n", cells.stream().filter(c -> c.type().equals("code")).map(Cell::source).toList());
            assertTrue(code.contains("\"LAYERWISE_TUTORIAL_SCALE\"") && code.contains("\"LAYERWISE_TUTORIAL_SEED\""),
                    name + " should read LAYERWISE_TUTORIAL_SCALE and LAYERWISE_TUTORIAL_SEED");
            assertTrue(SEEDED_DATA.matcher(code).find(), name + " should pass the tutorial's seed to its data or learners");
            int claim = -1;
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).source().contains("throw new AssertionError")) {
                    claim = i;
                }
            }
            assertTrue(cells.get(claim).source().contains("\"claim: "),
                    name + ": the last claim cell should print its measured numbers on a line starting 'claim: '");
            String before = cells.get(claim - 1).source();
            assertTrue(cells.get(claim - 1).type().equals("markdown") && before.contains("seed"),
                    name + ": the text before the claim cell should say over how many seeds the claims held");
            for (Cell c : cells) {
                if (c.type().equals("code")) {
                    JsonArray outputs = c.json().getAsJsonArray("outputs");
                    assertTrue(outputs == null || outputs.isEmpty(), name + " is committed with outputs");
                }
            }
        }
    }
}
