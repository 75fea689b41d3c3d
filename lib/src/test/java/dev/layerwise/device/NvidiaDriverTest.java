package dev.layerwise.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The driver is read from /proc and the library folders; nvidia-smi's CSV gives names and memory. */
@Tag("unit")
class NvidiaDriverTest {
    @Test
    void readsVersionGpuNamesAndLibcuda(@TempDir Path root) throws IOException {
        Path nvidia = Files.createDirectories(root.resolve("proc/driver/nvidia"));
        Files.writeString(nvidia.resolve("version"), "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64"
                + "  570.86.15  Release Build  (dvs-builder@U16-I3-B03-4-3)  Thu Jan 23 2025\nGCC version:  gcc 12\n");
        for (String bus : List.of("0000:c1:00.0", "0000:41:00.0")) {
            Path gpu = Files.createDirectories(nvidia.resolve("gpus/" + bus));
            Files.writeString(gpu.resolve("information"), "Model: \t\t NVIDIA H100 80GB HBM3 " + bus.charAt(5)
                    + "\nIRQ:   \t\t 42\n");
        }
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.writeString(lib.resolve("libcuda.so.1"), "");
        NvidiaDriver d = NvidiaDriver.read(root.resolve("proc"), List.of(root.resolve("missing"), lib));
        assertTrue(d.present());
        assertEquals("570.86.15", d.version());
        assertEquals(570, d.major());
        assertEquals(List.of("NVIDIA H100 80GB HBM3 4", "NVIDIA H100 80GB HBM3 c"), d.gpuNames(), "bus order");
        assertEquals(lib.resolve("libcuda.so.1"), d.libcuda());
    }

    @Test
    void noProcEntryAndNoLibcudaMeansNoDriver(@TempDir Path root) {
        NvidiaDriver d = NvidiaDriver.read(root, List.of(root));
        assertFalse(d.present());
        assertEquals(-1, d.major());
        assertTrue(d.describe().startsWith("no NVIDIA driver"), d.describe());
    }

    @Test
    void nvidiaSmiRowsBecomeGpus() {
        List<GpuInfo> gpus = NvidiaSmi.parse("0, NVIDIA H100 80GB HBM3, 81559, 1\n1, NVIDIA A10, 23028, 512\n"
                + "WARNING: infoROM is corrupted at gpu 0000:01:00.0\n");
        assertEquals(2, gpus.size());
        assertEquals("NVIDIA A10", gpus.get(1).name());
        assertEquals(81559L * 1024 * 1024, gpus.get(0).totalBytes());
        assertEquals("gpu(0) NVIDIA H100 80GB HBM3 (79.6 GiB, 0.0 GiB in use)", gpus.get(0).toString());
    }
}
