package dev.layerwise.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered tutorials and notebooks under {@code docs/rendered/} are the documents their sources are: a source
 * edited without {@code bin/layerwise render NAME} afterwards fails here, naming the notebook and the cell. The
 * check itself is tried on a temporary copy of one real pair, changed in each way it must catch.
 */
@Tag("unit")
class RenderedCopiesTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final String SAMPLE = "notebooks/00-quickstart.ipynb";

    @TempDir
    Path dir;

    @Test
    void everyTutorialAndNotebookHasARenderedCopyInStepWithItsSource() throws IOException {
        List<String> problems = RenderedCopies.problems(PROJECT);
        assertTrue(problems.isEmpty(), "docs/rendered is out of step with the tutorials and notebooks ("
                + problems.size() + " problems):\n" + String.join("\n", problems));
    }

    @Test
    void theSamplePairAsCommittedIsInStep() throws IOException {
        assertEquals(List.of(), RenderedCopies.problems(samplePair()));
    }

    @Test
    void anEditedCodeCellIsNamedWithItsNotebookCellAndTheCommandToRerun() throws IOException {
        Path root = samplePair();
        int cell = firstCell(root.resolve(SAMPLE), "code");
        edit(root.resolve(SAMPLE), cells -> cells.get(cell - 1).getAsJsonObject().addProperty("source", "1 + 1"));
        String problem = onlyProblem(root);
        assertTrue(problem.contains("notebooks/00-quickstart.ipynb") && problem.contains("at cell " + cell + ":")
                && problem.contains("\"1 + 1\"") && problem.contains("bin/layerwise render 00-quickstart"), problem);
    }

    @Test
    void anEditedMarkdownCellCountsToo() throws IOException {
        Path root = samplePair();
        int cell = firstCell(root.resolve(SAMPLE), "markdown");
        edit(root.resolve(SAMPLE), cells -> cells.get(cell - 1).getAsJsonObject()
                .addProperty("source", "# Another title"));
        String problem = onlyProblem(root);
        assertTrue(problem.contains("at cell " + cell + ":") && problem.contains("a markdown cell"), problem);
    }

    @Test
    void aCellAddedToTheSourceIsNamed() throws IOException {
        Path root = samplePair();
        int[] count = new int[1];
        edit(root.resolve(SAMPLE), cells -> {
            JsonObject added = new JsonObject();
            added.addProperty("cell_type", "code");
            added.add("source", new JsonPrimitive("var extra = 3;"));
            added.add("outputs", new JsonArray());
            cells.add(added);
            count[0] = cells.size();
        });
        String problem = onlyProblem(root);
        assertTrue(problem.contains("lacks cell " + count[0]) && problem.contains("var extra = 3;"), problem);
    }

    @Test
    void aCopyThatWasNeverExecutedIsRefused() throws IOException {
        Path root = samplePair();
        Files.copy(root.resolve(SAMPLE), root.resolve(RenderedCopies.RENDERED).resolve(SAMPLE),
                StandardCopyOption.REPLACE_EXISTING);
        String problem = onlyProblem(root);
        assertTrue(problem.contains("was not executed"), problem);
    }

    @Test
    void aChartLeftAsSvgIsRefused() throws IOException {
        Path root = samplePair();
        Path copy = root.resolve(RenderedCopies.RENDERED).resolve(SAMPLE);
        int[] chartCell = new int[1];
        edit(copy, cells -> {
            for (int i = 0; i < cells.size() && chartCell[0] == 0; i++) {
                JsonObject cell = cells.get(i).getAsJsonObject();
                for (var out : cell.has("outputs") ? cell.getAsJsonArray("outputs") : new JsonArray()) {
                    JsonObject data = out.getAsJsonObject().getAsJsonObject("data");
                    if (data != null && data.has("image/png")) {
                        data.addProperty("image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
                        chartCell[0] = i + 1;
                    }
                }
            }
        });
        assertTrue(chartCell[0] > 0, SAMPLE + "'s rendered copy shows no PNG chart");
        String problem = onlyProblem(root);
        assertTrue(problem.contains("shows cell " + chartCell[0] + "'s image as SVG"), problem);
    }

    @Test
    void aSourceWithoutACopyAndACopyWithoutASourceAreBothNamed() throws IOException {
        Path root = samplePair();
        Files.copy(root.resolve(SAMPLE), root.resolve("notebooks/99-new.ipynb"));
        Files.move(root.resolve(SAMPLE), root.resolve("notebooks/00-renamed.ipynb"));
        List<String> problems = RenderedCopies.problems(root);
        assertEquals(3, problems.size(), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("notebooks/99-new.ipynb has no rendered copy")
                && p.contains("bin/layerwise render 99-new")), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(
                "docs/rendered/notebooks/00-quickstart.ipynb has no source")), String.join("\n", problems));
    }

    @Test
    void aCopyMissingFromTheIndexIsNamed() throws IOException {
        Path root = samplePair();
        Files.writeString(root.resolve(RenderedCopies.RENDERED).resolve("README.md"), "# Rendered\n");
        String problem = onlyProblem(root);
        assertTrue(problem.contains("README.md does not link notebooks/00-quickstart.ipynb"), problem);
    }

    /** A project root holding the real sample source, its committed rendered copy and the committed index. */
    private Path samplePair() throws IOException {
        Path root = dir.resolve("project");
        String rendered = RenderedCopies.RENDERED + "/";
        for (String file : List.of(SAMPLE, rendered + SAMPLE, rendered + "README.md")) {
            Path from = PROJECT.resolve(file);
            assertTrue(Files.isRegularFile(from), file + " is missing: run bin/layerwise render");
            Files.createDirectories(root.resolve(file).getParent());
            Files.copy(from, root.resolve(file));
        }
        return root;
    }

    /** Changes a notebook's cells as the action says, and writes it back. */
    private static void edit(Path notebook, Consumer<JsonArray> action) throws IOException {
        JsonObject nb = read(notebook);
        action.accept(nb.getAsJsonArray("cells"));
        Files.writeString(notebook, nb.toString(), StandardCharsets.UTF_8);
    }

    /** The 1-based number of the notebook's first cell of a type. */
    private static int firstCell(Path notebook, String type) throws IOException {
        JsonArray cells = read(notebook).getAsJsonArray("cells");
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).getAsJsonObject().get("cell_type").getAsString().equals(type)) {
                return i + 1;
            }
        }
        throw new AssertionError(SAMPLE + " has no " + type + " cell");
    }

    private static JsonObject read(Path notebook) throws IOException {
        return JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static String onlyProblem(Path root) throws IOException {
        List<String> problems = RenderedCopies.problems(root);
        assertEquals(1, problems.size(), String.join("\n", problems));
        return problems.get(0);
    }
}
