package dev.layerwise.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where DJL will take libtorch from, and which setups are refused before any native code runs:
 * read from variables given to the test, so nothing here loads an engine.
 */
@Tag("unit")
class NativeSetupTest {
    private final Map<String, String> env = new HashMap<>();
    private final Properties props = new Properties();

    NativeSetupTest() {
        props.setProperty("os.name", "Linux");
        props.setProperty("os.arch", "amd64");
        props.setProperty("user.home", "/nonexistent-home");
    }

    private NativeSetup setup() {
        return NativeSetup.read(env, props, NativeSetupTest.class.getClassLoader());
    }

    /** The class path without the pytorch-native-cpu jar, as bin/layerwise builds it for LAYERWISE_TORCH=cu128. */
    static ClassLoader withoutCpuJar() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("pytorch-native-cpu")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void byDefaultTheCpuJarIsUsedAndNothingIsRefused() {
        NativeSetup s = setup();
        assertEquals(NativeSetup.Source.BUNDLED, s.source());
        assertEquals("cpu", s.bundledFlavor());
        assertEquals("2.7.1", s.requiredVersion(), "read from pytorch-jni's jnilib/pytorch.properties");
        assertTrue(s.jniFlavors().containsAll(List.of("cpu", "cu128")), s.jniFlavors().toString());
        assertTrue(s.refusal().isEmpty());
        assertTrue(s.djlProperties().isEmpty(), "DJL needs no hints for its own jar");
        assertFalse(s.downloads());
    }

    @Test
    void aLibraryPathWithoutLibtorchIsPassedOver(@TempDir Path empty) {
        env.put("PYTORCH_LIBRARY_PATH", empty.toString());
        NativeSetup s = setup();
        assertTrue(s.libraryPathIgnored());
        assertEquals(NativeSetup.Source.BUNDLED, s.source(), "DJL falls back to the jar, as it does");
        assertTrue(s.refusal().isEmpty());
    }

    @Test
    void aPipInstalledLibtorch271IsUsedWithFlavorAndVersionFilledIn(@TempDir Path root) throws IOException {
        Path lib = LibtorchFolderTest.pipTorch(root, "2.7.1+cu128", "12.8");
        env.put("PYTORCH_LIBRARY_PATH", root.resolve("nothing-here") + File.pathSeparator + lib);
        NativeSetup s = setup();
        assertEquals(NativeSetup.Source.LIBRARY_PATH, s.source());
        assertEquals(lib, s.folder().dir(), "the first entry holding libtorch.so, as DJL searches");
        assertTrue(s.refusal().isEmpty(), () -> s.refusal().get());
        assertEquals(Map.of("PYTORCH_FLAVOR", "cu128", "PYTORCH_VERSION", "2.7.1"), s.djlProperties());
        assertTrue(s.describe().contains("2.7.1+cu128, CUDA build"), s.describe());
    }

    @Test
    void aNewerPyTorchIsRefusedWithTheReasonAndTheFix(@TempDir Path root) throws IOException {
        env.put("PYTORCH_LIBRARY_PATH", LibtorchFolderTest.libtorchZip(root, "2.11.0+cu130").toString());
        env.put("PYTORCH_FLAVOR", "cu128");
        String why = setup().refusal().orElseThrow();
        for (String part : new String[] {"holds libtorch 2.11.0+cu130", "build-version", "compiled against libtorch 2.7.1",
                "crashes the JVM", "2.11 with CUDA 13", "also runs CUDA 12.8", CudaRecipes.ONLINE, CudaRecipes.OFFLINE,
                CudaRecipes.LIBTORCH_ZIP}) {
            assertTrue(why.contains(part), "missing '" + part + "' in: " + why);
        }
    }

    @Test
    void aLibtorchOfUnknownVersionNeedsPytorchVersion(@TempDir Path root) throws IOException {
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.writeString(lib.resolve("libtorch.so"), "");
        Files.writeString(lib.resolve("libtorch_cuda.so"), "");
        env.put("PYTORCH_LIBRARY_PATH", lib.toString());
        String why = setup().refusal().orElseThrow();
        assertTrue(why.contains("its version is not written next to it") && why.contains("PYTORCH_VERSION=2.7.1"
                + " PYTORCH_FLAVOR=cu128"), why);
        env.put("PYTORCH_VERSION", "2.7.1");
        assertTrue(setup().refusal().isEmpty());
        assertEquals(Map.of("PYTORCH_FLAVOR", "cu128"), setup().djlProperties(), "the version was given");
    }

    @Test
    void flavorsAndVersionsWithoutABridgeAreRefused(@TempDir Path root) throws IOException {
        env.put("PYTORCH_LIBRARY_PATH", LibtorchFolderTest.pipTorch(root, "2.7.1+cu128", "12.8").toString());
        env.put("PYTORCH_FLAVOR", "cu128-precxx11");
        assertTrue(setup().refusal().orElseThrow().contains("has bridges for [cpu, cu128] only"),
                setup().refusal().orElseThrow());
        env.remove("PYTORCH_FLAVOR");
        props.setProperty("PYTORCH_VERSION", "2.11.0");
        assertTrue(setup().refusal().orElseThrow().startsWith("PYTORCH_VERSION=2.11.0, but pytorch-jni 2.7.1-0.35.1"
                + " works only with libtorch 2.7.1"), setup().refusal().orElseThrow());
        props.remove("PYTORCH_VERSION");
        env.put("LAYERWISE_TORCH", "cu130");
        assertTrue(setup().refusal().orElseThrow().contains("has natives for; it has [cpu, cu128]"),
                setup().refusal().orElseThrow());
    }

    @Test
    void theOnlineCudaPathNeedsTheCpuJarOffTheClassPath() {
        env.put("LAYERWISE_TORCH", "cu128");
        String why = setup().refusal().orElseThrow();
        assertTrue(why.contains("pytorch-native-cpu jar is on the class path") && why.contains("bin/layerwise"), why);
    }

    @Test
    void theOnlineCudaPathDownloadsOnceThenLoadsFromTheCache(@TempDir Path cache) throws IOException {
        env.put("LAYERWISE_TORCH", "cu128");
        env.put("DJL_CACHE_DIR", cache.toString());
        NativeSetup first = NativeSetup.read(env, props, withoutCpuJar());
        assertEquals(NativeSetup.Source.DOWNLOAD, first.source());
        assertTrue(first.downloads());
        assertTrue(first.refusal().isEmpty(), () -> first.refusal().get());
        assertEquals(Map.of("PYTORCH_FLAVOR", "cu128"), first.djlProperties());
        assertEquals(cache.resolve("pytorch"), first.cacheDir());

        env.put("DJL_OFFLINE", "true");
        String why = NativeSetup.read(env, props, withoutCpuJar()).refusal().orElseThrow();
        assertTrue(why.contains("DJL_OFFLINE=true forbids it"), why);

        Path cached = Files.createDirectories(cache.resolve("pytorch/2.7.1-cu128-linux-x86_64"));
        Files.writeString(cached.resolve("libtorch.so"), "");
        NativeSetup later = NativeSetup.read(env, props, withoutCpuJar());
        assertEquals(NativeSetup.Source.CACHED, later.source());
        assertFalse(later.downloads());
        assertTrue(later.refusal().isEmpty(), "offline is fine once the cache has it");
    }

    @Test
    void withoutAnyNativesLayerwiseRefusesToDownloadCpuNatives(@TempDir Path cache) throws IOException {
        env.put("DJL_CACHE_DIR", cache.toString());
        String why = NativeSetup.read(env, props, withoutCpuJar()).refusal().orElseThrow();
        assertTrue(why.startsWith("No libtorch to load") && why.contains("never downloads CPU natives"), why);
    }
}
