package dev.layerwise.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerwise.NetworkNamespace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The natives setup end to end, in child JVMs (DJL loads libtorch once per process): a newer
 * libtorch is refused before loading, the online CUDA path without network fails within seconds,
 * offline mode stays on by default, and asking for the GPU says why it cannot be had.
 */
@Tag("engine")
class NativesSubprocessTest {
    private record Run(int exit, String out, double seconds) {}

    private static Run probe(Map<String, String> env, boolean withoutCpuJar, boolean noNetwork, String... args)
            throws Exception {
        String cp = System.getProperty("java.class.path");
        if (withoutCpuJar) {
            cp = Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.contains("pytorch-native-cpu"))
                    .collect(Collectors.joining(File.pathSeparator));
        }
        List<String> cmd = new ArrayList<>();
        if (noNetwork) {
            cmd.addAll(List.of("unshare", "-n"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                EngineProbe.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String v : new String[] {"PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR", "LAYERWISE_TORCH",
                "DJL_OFFLINE"}) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the child JVM finished");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aNewerLibtorchIsRefusedBeforeAnythingNativeLoads(@TempDir Path root) throws Exception {
        Path lib = LibtorchFolderTest.pipTorch(root, "2.11.0+cu130", "13.0");
        Run r = probe(Map.of("PYTORCH_LIBRARY_PATH", lib.toString(), "PYTORCH_FLAVOR", "cu128"), false, false);
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("FAILED IllegalStateException: The PyTorch engine was not loaded: PYTORCH_LIBRARY_PATH="
                + lib + " holds libtorch 2.11.0+cu130"), r.out());
        assertFalse(r.out().contains("UnsatisfiedLinkError"), "refused before System.load: " + r.out());
    }

    @Test
    void offlineStaysOnSoMissingNativesFailAtOnce(@TempDir Path cache) throws Exception {
        Run r = probe(Map.of("DJL_CACHE_DIR", cache.toString()), true, false);
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("No libtorch to load") && r.out().contains("never downloads CPU natives"), r.out());
        assertTrue(r.seconds() < 20, "no download was tried: " + r.seconds() + " s");
    }

    @Test
    void theOnlineCudaPathWithoutNetworkFailsFastWithTheOfflineRecipe(@TempDir Path cache) throws Exception {
        assumeTrue(NetworkNamespace.available(), NetworkNamespace.NEEDED);
        Run r = probe(Map.of("DJL_CACHE_DIR", cache.toString(), "LAYERWISE_TORCH", "cu128"), true, true);
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("Downloading libtorch 2.7.1 cu128"), "says what it tries: " + r.out());
        assertTrue(r.out().contains("Could not download libtorch 2.7.1 cu128 from publish.djl.ai into " + cache
                .resolve("pytorch")) && r.out().contains(CudaRecipes.OFFLINE), r.out());
        assertTrue(r.seconds() < 30, "failed fast: " + r.seconds() + " s");
    }

    @Test
    void askingForTheGpuNamesAPassedOverLibraryPath(@TempDir Path empty) throws Exception {
        Run r = probe(Map.of("PYTORCH_LIBRARY_PATH", empty.toString()), false, false, "gpu");
        assertTrue(r.out().contains("natives cpu"), "the CPU jar was loaded: " + r.out());
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("FAILED GpuUnavailableException: device(\"gpu\"): no usable GPU"), r.out());
        assertTrue(r.out().contains("PYTORCH_LIBRARY_PATH=" + empty + " holds no libtorch.so, so DJL passed over it"),
                r.out());
    }
}
