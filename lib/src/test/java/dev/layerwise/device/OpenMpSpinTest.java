package dev.layerwise.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sharing the cores: the OpenMP runtime inside DJL's libtorch (a bundled libgomp) takes the short spin that
 * {@code bin/layerwise} and the pom put in the environment, so its idle threads sleep after a few microseconds
 * instead of holding a core that another program needs (bench/NOTES.md, "Sharing the cores").
 */
@Tag("engine")
class OpenMpSpinTest {

    @Test
    void libtorchsOpenMpTakesTheSpinCountFromTheEnvironmentItWasStartedWith() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), EngineProbe.class.getName()))
                .redirectErrorStream(true);
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().put("GOMP_SPINCOUNT", "3000");
        pb.environment().put("OMP_DISPLAY_ENV", "VERBOSE"); // libgomp prints its settings as it loads
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("info: Layerwise"), "the engine loaded: " + out);
        assertTrue(out.contains("GOMP_SPINCOUNT = '3000'"),
                "libtorch's OpenMP runtime should be libgomp and read GOMP_SPINCOUNT; it printed:\n" + out);
    }

    @Test
    void theTestsThemselvesRunWithAShortSpin() {
        assertNotNull(System.getenv("GOMP_SPINCOUNT"), "the pom's surefire configuration sets GOMP_SPINCOUNT"
                + " (layerwise.gomp.spincount) so that the suite does not crawl beside another busy process");
    }
}
