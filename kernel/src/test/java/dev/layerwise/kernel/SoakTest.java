package dev.layerwise.kernel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * A long session through the real kernel and {@code jupyter_client}: small learners trained on Fashion-MNIST and
 * two moons, charts, redefined nets, the same cells re-run, printing and failing cells. After a warm-up the
 * kernel's resident memory and native memory stay within 10% and its threads and open files do not grow. The
 * checks, and the figures it prints, are in {@code src/test/python/soak_test.py}.
 *
 * <p>{@value #CELLS_ENV} sets the number of cells (default {@value #DEFAULT_CELLS}); the full soak is
 * {@code LAYERWISE_SOAK_CELLS=500 mvn -B -pl kernel -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("soak")
class SoakTest {
    static final Path SCRIPT = Path.of("src/test/python/soak_test.py").toAbsolutePath();
    static final String CELLS_ENV = "LAYERWISE_SOAK_CELLS";
    static final int DEFAULT_CELLS = 200;

    @Test
    void aLongSessionKeepsMemoryThreadsAndFilesFlat(@TempDir Path dir) throws Exception {
        String env = System.getenv(CELLS_ENV);
        int cells = env == null || env.isBlank() ? DEFAULT_CELLS : Integer.parseInt(env.strip());
        // A fixed, pre-touched heap is resident from the start, so the resident set moves only with native memory.
        Path spec = RealKernel.kernelspec(dir, "layerwise-soak", RealKernel.thisJava(),
                List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"));
        RealKernel.runPython(spec, 120 + 3L * cells, SCRIPT.toString(), "layerwise-soak", Integer.toString(cells));
    }
}
