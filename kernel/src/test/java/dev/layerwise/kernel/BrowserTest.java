package dev.layerwise.kernel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quickstart notebook in a real browser: Jupyter Notebook on 127.0.0.1 with the kernel, headless
 * Chromium through Selenium, Run All, then what a user sees: no error, complete progress bars, the
 * live gradient chart final, visible and not blank, the bars seen part-way while training. Leaves {@code target/browser/quickstart.png}.
 * The checks are in {@code src/test/python/browser_test.py}.
 */
@Tag("browser")
class BrowserTest {
    static final String INSTALL = "sudo apt-get install -y chromium chromium-driver python3-selenium jupyter-notebook";

    @Test
    void quickstartRunsInChromiumWithLiveProgressAndAVisibleChart(@TempDir Path dir) throws Exception {
        for (String tool : new String[] {"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            assertTrue(Files.isExecutable(Path.of(tool)), tool + " is missing; the browser test needs Debian's Chromium: " + INSTALL);
        }
        Path project = Path.of("").toAbsolutePath().getParent();
        Path notebook = project.resolve("notebooks/00-quickstart.ipynb");
        Path screenshot = Path.of("target/browser/quickstart.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Files.deleteIfExists(screenshot.resolveSibling("quickstart-failed.png"));
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-browser", RealKernel.thisJava()), 1200,
                Path.of("src/test/python/browser_test.py").toAbsolutePath().toString(), "layerwise-browser",
                dir.resolve("work").toString(), notebook.toString(), screenshot.toString());
        assertTrue(Files.size(screenshot) > 10_000, "the screenshot is missing or empty: " + screenshot);
    }
}
