package dev.layerwise.kernel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults a cell can cause, through the real kernel and {@code jupyter_client}; after each the kernel
 * answers and earlier variables remain. The checks are in {@code src/test/python/faults_test.py}.
 */
@Tag("jupyter")
class FaultsTest {
    static final Path SCRIPT = Path.of("src/test/python/faults_test.py").toAbsolutePath();

    /**
     * {@code System.exit}, {@code Runtime.exit} and {@code halt} refused with a clear error; stack overflow;
     * running out of heap (one impossible array, a list filling it with big and with small arrays) while the
     * heartbeat and status messages carry on; 100 MB printed as lines or as one string, and huge values, cut at
     * the output limit with a notice. The kernel runs with a 320 MB heap so that filling it is quick.
     */
    @Test
    void kernelSurvivesExitStackOverflowOutOfMemoryAndFloodsOfOutput(@TempDir Path dir) throws Exception {
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-heap", RealKernel.thisJava(), List.of("-Xmx320m")),
                300, SCRIPT.toString(), "layerwise-heap", "heap");
    }

    /**
     * Five cells sent at once run in order, and those queued behind a failing one are aborted
     * ({@code stop_on_error}); an interrupt stops a chart-drawing loop and a data-loading loop within seconds.
     */
    @Test
    void queuedCellsRunInOrderAndInterruptsStopPlottingAndLoading(@TempDir Path dir) throws Exception {
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-busy", RealKernel.thisJava()),
                300, SCRIPT.toString(), "layerwise-busy", "busy");
    }

    /** On JDK 25 JShell instruments cell bytecode itself and {@code Thread.stop} is gone: exit calls and interrupts. */
    @Test
    void exitCallsAreRefusedAndInterruptsWorkOnJdk25(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(KernelProtocolTest.TEMURIN_25), "Temurin 25 is not installed at "
                + KernelProtocolTest.TEMURIN_25 + "; the JDK 25 case needs it");
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-jdk25", KernelProtocolTest.TEMURIN_25.toString()),
                300, SCRIPT.toString(), "layerwise-jdk25", "jdk25");
    }
}
