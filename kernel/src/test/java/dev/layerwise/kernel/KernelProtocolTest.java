package dev.layerwise.kernel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real kernel process, driven through {@code jupyter_client}: every message type, streaming
 * order, silent, errors, completion of live variables, inspection, is_complete, history,
 * comm_info, a badly signed message, display updates, both interrupt cases, and a fast shutdown.
 * The checks themselves are in {@code src/test/python/protocol_test.py}.
 */
@Tag("jupyter")
class KernelProtocolTest {
    static final Path SCRIPT = Path.of("src/test/python/protocol_test.py").toAbsolutePath();
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @Test
    void everyMessageBehavesThroughTheRealJupyterClient(@TempDir Path dir) throws Exception {
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-test", RealKernel.thisJava()), 240,
                SCRIPT.toString(), "layerwise-test");
    }

    @Test
    void interruptStopsEndlessLoopOnJdk25AndKeepsVariables(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25), "Temurin 25 is not installed at " + TEMURIN_25
                + "; the JDK 21+ interrupt check needs it (the JDK 17 case runs in the other test)");
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-jdk25", TEMURIN_25.toString()), 120,
                SCRIPT.toString(), "layerwise-jdk25", "only-interrupt");
    }
}
