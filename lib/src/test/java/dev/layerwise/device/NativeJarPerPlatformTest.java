package dev.layerwise.device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build picks the PyTorch CPU native jar by OS and architecture: Maven run as if on Linux x86-64 and ARM64,
 * macOS on Apple silicon and Windows x86-64 ({@code .ci/check-natives}) depends on that platform's jar, and this
 * machine's class path holds its own.
 */
@Tag("unit")
class NativeJarPerPlatformTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @Test
    void mavenPicksTheNativeJarOfEachSupportedPlatform() throws Exception {
        Process p = new ProcessBuilder("bash", PROJECT.resolve(".ci/check-natives").toString()).directory(PROJECT.toFile())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), ".ci/check-natives did not finish in 10 minutes");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        for (String platform : List.of("linux-x86_64", "linux-aarch64", "osx-aarch64", "win-x86_64")) {
            assertTrue(out.contains(platform + " ok: ") && out.contains("pytorch-native-cpu:jar:" + platform + ":2.7.1"),
                    platform + " in:\n" + out);
        }
    }

    @Test
    void thisMachinesClassPathHoldsItsOwnNativeJar() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "aarch64" : arch;
        String platform = (os.contains("mac") ? "osx" : os.contains("windows") ? "win" : "linux") + "-" + cpu;
        List<String> natives = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).getFileName().toString()).filter(n -> n.startsWith("pytorch-native-cpu-")).toList();
        assertEquals(List.of("pytorch-native-cpu-2.7.1-" + platform + ".jar"), natives);
    }
}
