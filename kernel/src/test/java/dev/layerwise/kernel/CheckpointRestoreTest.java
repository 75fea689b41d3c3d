package dev.layerwise.kernel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Nothing trained is lost when the kernel dies: the real kernel, through {@code jupyter_client}, is
 * killed with SIGKILL mid-epoch; a new kernel's banner mentions the checkpoints, it restores the
 * newest, and two more epochs from there give the same weights as training straight through. The
 * checks are in {@code src/test/python/checkpoint_kill_test.py}.
 */
@Tag("jupyter")
class CheckpointRestoreTest {
    @Test
    void aKernelKilledMidEpochIsRestoredFromItsNewestCheckpointAndTrainsOnExactly(@TempDir Path dir) throws Exception {
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-restore", RealKernel.thisJava()), 600,
                Path.of("src/test/python/checkpoint_kill_test.py").toAbsolutePath().toString(), "layerwise-restore");
    }
}
