package dev.layerwise.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The report names every reason a GPU is not usable, with its fix, and describes a usable one. */
@Tag("engine")
class DeviceReportTest {
    private static final Path CPU_CACHE = Path.of("/home/u/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64");
    private static final NvidiaDriver NO_DRIVER = new NvidiaDriver(null, List.of(), null, List.of(Path.of("/usr/lib")));
    private static final GpuInfo H100 = new GpuInfo(0, "NVIDIA H100 80GB HBM3", 85520809984L, 1048576L);

    private static NvidiaDriver driver(String version) {
        return new NvidiaDriver(version, List.of("NVIDIA H100 80GB HBM3"), Path.of("/usr/lib/libcuda.so.1"), List.of());
    }

    private static NativeSetup setup(Map<String, String> env) {
        Properties props = new Properties();
        props.setProperty("os.name", "Linux");
        props.setProperty("os.arch", "amd64");
        return NativeSetup.read(env, props, DeviceReportTest.class.getClassLoader());
    }

    private static EngineFacts cpuEngine() {
        return new EngineFacts("PyTorch", "2.7.1", "0.35.1", CPU_CACHE, false, false, 0, null, List.of());
    }

    @Test
    void noDriverAndCpuNativesAreBothReportedWithTheirFixes() {
        DeviceReport r = DeviceReport.diagnose(setup(Map.of()), NO_DRIVER, cpuEngine(), true);
        assertFalse(r.gpuUsable());
        assertEquals("cpu", r.flavor());
        assertEquals("no NVIDIA driver; CPU-only natives", r.whyNoGpu());
        String message = r.unavailable("device(\"gpu\")").getMessage();
        for (String part : new String[] {"device(\"gpu\"): no usable GPU, so nothing was changed", "libtorch 2.7.1 cpu from "
                + CPU_CACHE, "the pytorch-native-cpu jar", "nvidia-smi", "--gpus all", CudaRecipes.ONLINE,
                CudaRecipes.OFFLINE}) {
            assertTrue(message.contains(part), "missing '" + part + "' in: " + message);
        }
        assertTrue(r.summary().startsWith("GPU: none usable (no NVIDIA driver; CPU-only natives)"), r.summary());
        assertTrue(r.toString().contains("natives  cpu — " + CPU_CACHE), r.toString());
    }

    @Test
    void aDriverWithCpuNativesNeedsOnlyTheNatives() {
        DeviceReport r = DeviceReport.diagnose(setup(Map.of()), driver("570.86.15"), cpuEngine(), true);
        assertEquals("CPU-only natives", r.whyNoGpu());
    }

    @Test
    void anIgnoredLibraryPathIsNamed(@TempDir Path empty) {
        Map<String, String> env = new HashMap<>();
        env.put("PYTORCH_LIBRARY_PATH", empty.toString());
        DeviceReport r = DeviceReport.diagnose(setup(env), driver("570.86.15"), cpuEngine(), true);
        String reason = r.problems().get(0).reason();
        assertTrue(reason.contains("PYTORCH_LIBRARY_PATH=" + empty + " holds no libtorch.so, so DJL passed over it"),
                reason);
    }

    @Test
    void aCudaBuildThatDoesNotStartBlamesAnOldDriver(@TempDir Path root) throws IOException {
        Path lib = LibtorchFolderTest.pipTorch(root, "2.7.1+cu128", "12.8");
        EngineFacts e = new EngineFacts("PyTorch", "2.7.1", "0.35.1", lib, true, false, 0, null, List.of());
        DeviceReport r = DeviceReport.diagnose(setup(Map.of("PYTORCH_LIBRARY_PATH", lib.toString())),
                driver("535.104.05"), e, true);
        assertEquals("cu128", r.flavor());
        assertEquals("12.8 (build)", r.cudaVersion());
        String reason = r.problems().get(0).reason();
        assertTrue(reason.startsWith("CUDA does not start: libtorch 2.7.1 cu128 is a CUDA build")
                && reason.contains("driver 535.104.05 is older than CUDA 12.8 asks for"), reason);
    }

    @Test
    void aUsableGpuIsDescribedWithNameMemoryAndVersions() throws IOException {
        Path dir = Files.createTempDirectory("2.7.1-cu128-linux-x86_64");
        EngineFacts e = new EngineFacts("PyTorch", "2.7.1", "0.35.1", Path.of("/c/pytorch/2.7.1-cu128-linux-x86_64"),
                true, true, 1, "12.8", List.of(H100));
        DeviceReport r = DeviceReport.diagnose(setup(Map.of()), driver("570.86.15"), e, true);
        Files.delete(dir);
        assertTrue(r.gpuUsable());
        assertTrue(r.problems().isEmpty());
        assertEquals("GPU: gpu(0) NVIDIA H100 80GB HBM3 (79.6 GiB, 0.0 GiB in use) · libtorch 2.7.1 cu128 · CUDA 12.8"
                + " · driver 570.86.15", r.summary());
        assertTrue(r.toString().contains("usable   yes"), r.toString());
    }

    @Test
    void thisMachinesReportMatchesTheLoadedEngine() {
        DeviceReport r = Layerwise.deviceReport();
        assertEquals(r.gpuUsable(), r.problems().isEmpty());
        assertTrue(r.toString().contains("engine   PyTorch 2.7.1 · DJL 0.35.1"), r.toString());
        if (!r.engine().cudaBuild()) {
            assertEquals("cpu", r.flavor());
            assertTrue(r.whyNoGpu().contains("CPU-only natives"), r.whyNoGpu());
        }
        assertEquals(r.driver().present(), !r.whyNoGpu().contains("no NVIDIA driver"));
    }
}
