package dev.layerwise.kernel.install;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class KernelSpecWriterTest {
    @Test
    void reinstallOverAWorldWritableSpecLeavesOnlyTheOwnerAbleToChangeIt(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("kernels/layerwise"));
        Path json = Files.writeString(dir.resolve("kernel.json"), "{\"argv\": [\"/tmp/anyone-could-put-this-here\"]}");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(json, PosixFilePermissions.fromString("rw-rw-rw-"));

        KernelSpecWriter.write(dir, List.of("/opt/layerwise/bin/layerwise", "kernel"));

        assertTrue(Files.readString(json).contains("/opt/layerwise/bin/layerwise"), Files.readString(json));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> written = files.toList();
            assertEquals(3, written.size(), written::toString);
            for (Path f : written) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
                assertEquals("rw-r--r--", PosixFilePermissions.toString(p), f.toString());
                assertFalse(p.contains(PosixFilePermission.OTHERS_WRITE) || p.contains(PosixFilePermission.GROUP_WRITE), f.toString());
            }
        }
    }

    @Test
    void theKernelsEnvironmentLeavesDjlsOfflineModeToTheKernel(@TempDir Path root) throws Exception {
        // DJL reads DJL_OFFLINE before its system property: set in kernel.json, it would refuse the one-time
        // download of CUDA natives that LAYERWISE_TORCH=cu128 asks for (README, "GPU").
        Path dir = Files.createDirectories(root.resolve("kernels/layerwise"));
        KernelSpecWriter.write(dir, List.of("/opt/layerwise/bin/layerwise", "kernel"));
        String json = Files.readString(dir.resolve("kernel.json"));
        assertTrue(json.contains("MALLOC_ARENA_MAX"), json);
        assertFalse(json.contains("DJL_OFFLINE"), json);
    }
}
