package dev.layerwise.kernel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Executes every notebook under {@code notebooks/} and {@code tutorials/} through nbclient; any cell error fails. */
@Tag("jupyter")
class NotebooksTest {
    @Test
    void everyNotebookRunsWithoutACellError(@TempDir Path dir) throws Exception {
        Path project = Path.of("").toAbsolutePath().getParent();
        List<String> notebooks = new ArrayList<>();
        for (String folder : List.of("notebooks", "tutorials")) {
            Path f = project.resolve(folder);
            if (Files.isDirectory(f)) {
                try (Stream<Path> files = Files.walk(f)) {
                    files.filter(p -> p.toString().endsWith(".ipynb") && !p.toString().contains(".ipynb_checkpoints")
                            && !p.toString().endsWith(".executed.ipynb")).sorted().forEach(p -> notebooks.add(p.toString()));
                }
            }
        }
        assertFalse(notebooks.isEmpty(), "no notebooks found under " + project + "/notebooks or /tutorials");
        List<String> args = new ArrayList<>(List.of(Path.of("src/test/python/run_notebooks.py").toAbsolutePath().toString(),
                "layerwise-nb"));
        args.addAll(notebooks);
        // generous: each notebook runs in well under a minute on an idle machine, several times that on a busy one
        int seconds = 150 * notebooks.size();
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-nb", RealKernel.thisJava()), seconds,
                args.toArray(String[]::new));
    }
}
