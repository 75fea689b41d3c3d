package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine loads and trains with no network at all and an empty DJL cache: libtorch comes from
 * the native jar on the class path. The child JVM runs in a fresh network namespace
 * ({@code unshare -n}), so any download attempt would fail.
 */
@Tag("engine")
class OfflineEngineTest {

    @Test
    void trainsWithNoNetworkAndAnEmptyCache(@TempDir Path cache) throws Exception {
        assumeTrue(NetworkNamespace.available(), NetworkNamespace.NEEDED);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", java,
                "-cp", System.getProperty("java.class.path"),
                "dev.layerwise.examples.FashionMnistMlp", "--epochs", "1", "--subset", "600"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DJL_CACHE_DIR", cache.toString());
        pb.environment().put("ENGINE_CACHE_DIR", cache.toString());
        pb.environment().remove("DJL_OFFLINE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("PyTorch 2.7.1 (offline)"), "one engine line: " + out);
        assertTrue(out.contains("Test accuracy:"), out);
        File[] extracted = cache.toFile().listFiles();
        assertTrue(extracted != null && extracted.length > 0, "libtorch was unpacked from the jar into the empty cache");
    }
}
