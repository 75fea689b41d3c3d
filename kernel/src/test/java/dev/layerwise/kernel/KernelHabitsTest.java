package dev.layerwise.kernel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What Jupyter users expect of a kernel, through the real kernel process and {@code jupyter_client}:
 * {@code display(x)} as the reference suite {@code jupyter_kernel_test} checks it, Java images as PNG,
 * the library's javadoc on Shift-Tab ({@code learner.fit}), layer names in completion
 * ({@code learner.layerRate("de}), {@code System.in} through {@code input_request} (refused without
 * {@code allow_stdin}, interruptible), and {@code %whos}. The checks are in
 * {@code src/test/python/habits_test.py}.
 */
@Tag("jupyter")
class KernelHabitsTest {
    static final Path SCRIPT = Path.of("src/test/python/habits_test.py").toAbsolutePath();

    @Test
    void displayJavadocNamesInputAndWhosWorkAsJupyterUsersExpect(@TempDir Path dir) throws Exception {
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-habits", RealKernel.thisJava()), 300,
                SCRIPT.toString(), "layerwise-habits", "all");
    }

    @Test
    void shiftTabShowsTheJdksJavadocWhereTheJdkHasItsSources(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(KernelProtocolTest.TEMURIN_25.getParent().getParent().resolve("lib/src.zip")),
                "Temurin 25 with its src.zip is not installed at " + KernelProtocolTest.TEMURIN_25.getParent().getParent());
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-jdk-docs", KernelProtocolTest.TEMURIN_25.toString()), 180,
                SCRIPT.toString(), "layerwise-jdk-docs", "jdk-docs");
    }
}
