package dev.layerwise.device;

import dev.layerwise.engine.Torch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where DJL 0.35.1 will take libtorch from, read from the environment, system properties and the
 * class path before anything native is loaded, and the problems that make loading pointless or
 * dangerous. DJL's order: {@code PYTORCH_LIBRARY_PATH} when it holds {@code libtorch.so}; else the
 * PyTorch native jar on the class path; else its cache, downloading into it when offline mode is off.
 * Each variable is read from the environment first, then from a system property of the same name.
 *
 * <p>{@code LAYERWISE_TORCH} (or {@code -Dlayerwise.torch}) chooses the natives: {@code cpu}
 * (default: the {@code pytorch-native-cpu} jar) or {@code cu128} (DJL's CUDA 12.8 build, downloaded
 * once into DJL's cache; the only download Layerwise ever allows).
 */
public final class NativeSetup {
    /** Where the natives come from. */
    public enum Source {
        /** {@code PYTORCH_LIBRARY_PATH}: an installed libtorch. */
        LIBRARY_PATH,
        /** A PyTorch native jar on the class path, unpacked into DJL's cache. */
        BUNDLED,
        /** DJL's cache, filled by an earlier download. */
        CACHED,
        /** DJL's cache after a download at this start. */
        DOWNLOAD
    }

    private static final List<String> KNOWN_FLAVORS = List.of("cpu", "cu118", "cu121", "cu124", "cu126", "cu128",
            "cu129", "cu130");

    private final Map<String, String> env;
    private final Properties props;
    private final String requested;
    private final String libraryPath;
    private final LibtorchFolder folder;
    private final Properties bundled;
    private final String jniVersion;
    private final List<String> jniFlavors;
    private final String classifier;
    private final Path cacheDir;

    private NativeSetup(Map<String, String> env, Properties props, ClassLoader loader) {
        this.env = env;
        this.props = props;
        String torch = firstNonBlank(env.get("LAYERWISE_TORCH"), props.getProperty("layerwise.torch"));
        this.requested = torch == null ? "cpu" : torch.strip().toLowerCase(Locale.ROOT);
        this.libraryPath = get("PYTORCH_LIBRARY_PATH");
        this.folder = libraryPath == null ? null : findLibtorch(libraryPath);
        this.bundled = properties(loader, "native/lib/pytorch.properties");
        Properties jni = properties(loader, "jnilib/pytorch.properties");
        this.jniVersion = jni == null ? null : jni.getProperty("jni_version");
        this.classifier = classifier(props);
        List<String> flavors = new ArrayList<>();
        for (String f : KNOWN_FLAVORS) {
            if (loader.getResource("jnilib/" + classifier + "/" + f + "/libdjl_torch.so") != null) {
                flavors.add(f);
            }
        }
        this.jniFlavors = List.copyOf(flavors);
        String engineCache = get("ENGINE_CACHE_DIR");
        String djlCache = get("DJL_CACHE_DIR");
        Path base = engineCache != null ? Path.of(engineCache)
                : djlCache != null ? Path.of(djlCache) : Path.of(props.getProperty("user.home", "."), ".djl.ai");
        this.cacheDir = base.resolve("pytorch");
    }

    /** @return the setup of this process */
    public static NativeSetup current() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return read(System.getenv(), System.getProperties(),
                loader != null ? loader : NativeSetup.class.getClassLoader());
    }

    /**
     * Reads a setup from given variables, for tests and for explaining another configuration.
     *
     * @param env environment variables
     * @param props system properties
     * @param loader the class loader whose resources DJL would see
     * @return the setup
     */
    public static NativeSetup read(Map<String, String> env, Properties props, ClassLoader loader) {
        return new NativeSetup(env, props, loader);
    }

    /** A variable as DJL reads it: the environment first, then a system property of the same name. */
    private String get(String name) {
        return firstNonBlank(env.get(name), props.getProperty(name));
    }

    /** @return where DJL will take libtorch from */
    public Source source() {
        if (folder != null) {
            return Source.LIBRARY_PATH;
        }
        if (bundled != null && !requestsCuda()) {
            return Source.BUNDLED;
        }
        return Files.isRegularFile(cachedLibtorch()) ? Source.CACHED : Source.DOWNLOAD;
    }

    /** @return {@code cpu} or a CUDA flavor such as {@code cu128}, from {@code LAYERWISE_TORCH} */
    public String requested() {
        return requested;
    }

    private boolean requestsCuda() {
        return !requested.equals("cpu");
    }

    /** @return the libtorch version the JNI bridge on the class path needs, e.g. {@code 2.7.1} */
    public String requiredVersion() {
        String base = LibtorchFolder.baseOf(jniVersion);
        return base == null ? CudaRecipes.TORCH_VERSION : base;
    }

    /** @return the flavors the JNI bridge on the class path has builds for, e.g. {@code [cpu, cu128]} */
    public List<String> jniFlavors() {
        return jniFlavors;
    }

    /** @return the raw {@code PYTORCH_LIBRARY_PATH}, or null */
    public String libraryPath() {
        return libraryPath;
    }

    /** @return whether PYTORCH_LIBRARY_PATH is set but holds no libtorch.so, so DJL passes over it */
    public boolean libraryPathIgnored() {
        return libraryPath != null && folder == null;
    }

    /** @return the installed libtorch {@code PYTORCH_LIBRARY_PATH} names, or null when it names none */
    public LibtorchFolder folder() {
        return folder;
    }

    /** @return the flavor of the native jar on the class path ({@code cpu}), or null when there is none */
    public String bundledFlavor() {
        return bundled == null ? null : bundled.getProperty("flavor");
    }

    /** @return DJL's PyTorch cache folder */
    public Path cacheDir() {
        return cacheDir;
    }

    /** @return whether DJL_OFFLINE in the environment forbids downloads whatever the system property says */
    private boolean offlineForcedByEnvironment() {
        return Boolean.parseBoolean(env.get("DJL_OFFLINE"));
    }

    /** The flavor DJL will look for: PYTORCH_FLAVOR, else what the folder or LAYERWISE_TORCH implies. */
    String flavor() {
        String set = get("PYTORCH_FLAVOR");
        if (set != null) {
            return set.strip();
        }
        if (folder != null) {
            return folder.hasCuda() ? CudaRecipes.CUDA_FLAVOR : "cpu";
        }
        return bundled != null && !requestsCuda() ? bundledFlavor() : requested;
    }

    private Path cachedLibtorch() {
        return cacheDir.resolve(requiredVersion() + "-" + flavor() + "-" + classifier).resolve("libtorch.so");
    }

    /**
     * System properties DJL needs and the user left unset, so that its choice is the one this
     * setup describes: the flavor (DJL would otherwise guess {@code cpu-precxx11} or a CUDA version
     * it has no bridge for) and, for an installed libtorch, its version.
     *
     * @return property names and values to set before DJL loads
     */
    public Map<String, String> djlProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        if (source() == Source.BUNDLED) {
            return out;
        }
        if (get("PYTORCH_FLAVOR") == null) {
            out.put("PYTORCH_FLAVOR", flavor());
        }
        if (folder != null && get("PYTORCH_VERSION") == null && folder.baseVersion() != null) {
            out.put("PYTORCH_VERSION", folder.baseVersion());
        }
        return out;
    }

    /** @return whether this start downloads libtorch (the online CUDA path before its first success) */
    public boolean downloads() {
        return source() == Source.DOWNLOAD;
    }

    /**
     * Why loading must not be tried, with the fix: a libtorch whose version the JNI bridge does not
     * match (loading it fails or crashes the JVM), a flavor without a bridge, or a download that
     * offline mode forbids. Checked before any native code runs.
     *
     * @return the reason, or empty when loading may go ahead
     */
    public Optional<String> refusal() {
        String need = requiredVersion();
        String jni = "pytorch-jni " + (jniVersion == null ? need : jniVersion);
        if (requestsCuda() && !jniFlavors.contains(requested)) {
            return Optional.of("LAYERWISE_TORCH=" + requested + " is not a flavor " + jni + " has natives for; it has "
                    + jniFlavors + ". Use LAYERWISE_TORCH=" + CudaRecipes.CUDA_FLAVOR + " (CUDA 12.8) or unset it (CPU).");
        }
        String versionVar = get("PYTORCH_VERSION");
        if (versionVar != null && !need.equals(LibtorchFolder.baseOf(versionVar))) {
            return Optional.of("PYTORCH_VERSION=" + versionVar + ", but " + jni + " works only with libtorch " + need
                    + "; DJL would look for a " + versionVar + " bridge that DJL 0.35.1 does not have."
                    + " Unset PYTORCH_VERSION, or set it to " + need + " with a libtorch " + need + ".");
        }
        if (folder != null) {
            Optional<String> bad = folderRefusal(jni, need, versionVar);
            if (bad.isPresent()) {
                return bad;
            }
        } else if (bundled != null && requestsCuda()) {
            return Optional.of("LAYERWISE_TORCH=" + requested + " asks for CUDA natives, but the pytorch-native-"
                    + bundledFlavor() + " jar is on the class path and DJL would load it instead. Start through"
                    + " bin/layerwise, which leaves that jar out when LAYERWISE_TORCH is set, or remove the"
                    + " dependency from your own class path.");
        } else if (source() == Source.DOWNLOAD && !requestsCuda()) {
            return Optional.of("No libtorch to load: no PyTorch native jar is on the class path, PYTORCH_LIBRARY_PATH"
                    + (libraryPath == null ? " is unset" : "=" + libraryPath + " holds no libtorch.so")
                    + ", and DJL's cache " + cacheDir + " has no " + need + "-cpu build. Layerwise never downloads"
                    + " CPU natives: start through bin/layerwise (its class path has pytorch-native-cpu " + need
                    + ") or add " + Torch.NATIVE_CPU_ARTIFACT + ":" + need + ":linux-x86_64 to yours.");
        } else if (source() == Source.DOWNLOAD && offlineForcedByEnvironment()) {
            return Optional.of("LAYERWISE_TORCH=" + requested + " needs a one-time download of libtorch " + need + " "
                    + requested + " into " + cacheDir + ", but DJL_OFFLINE=true forbids it. Unset DJL_OFFLINE for"
                    + " that start, or use the offline recipe:" + CudaRecipes.both());
        }
        String flavor = flavor();
        if (source() != Source.BUNDLED && !jniFlavors.isEmpty() && !jniFlavors.contains(flavor)) {
            String fit = folder == null ? requested : folder.hasCuda() ? CudaRecipes.CUDA_FLAVOR : "cpu";
            return Optional.of("PYTORCH_FLAVOR=" + flavor + ": " + jni + " has bridges for " + jniFlavors + " only. Set"
                    + " PYTORCH_FLAVOR=" + fit + (folder == null ? "" : " for the libtorch in " + folder.dir() + " ("
                    + (folder.hasCuda() ? "a CUDA build" : "a CPU build") + ")") + ", or unset it.");
        }
        return Optional.empty();
    }

    private Optional<String> folderRefusal(String jni, String need, String versionVar) {
        String found = folder.version();
        String base = folder.baseVersion();
        if (base != null && !base.equals(need)) {
            return Optional.of("PYTORCH_LIBRARY_PATH=" + libraryPath + " holds libtorch " + found + " (from "
                    + folder.versionSource() + "), but " + jni + " is compiled against libtorch " + need + "'s C++"
                    + " API and cannot load another version: the load fails with missing symbols or crashes the JVM."
                    + " A newer PyTorch (for example 2.11 with CUDA 13) cannot be used with DJL 0.35.1; the NVIDIA"
                    + " driver that runs CUDA 13 also runs CUDA 12.8, so install libtorch " + need + "+cu128 next to it"
                    + " and point PYTORCH_LIBRARY_PATH at that:" + CudaRecipes.both());
        }
        if (base == null && versionVar == null) {
            return Optional.of("PYTORCH_LIBRARY_PATH=" + libraryPath + " holds libtorch.so, but its version is not"
                    + " written next to it (no ../build-version or ../version.py), and " + jni + " loads only libtorch "
                    + need + " (another version fails or crashes the JVM). If it is " + need + ", say so:"
                    + " PYTORCH_VERSION=" + need + " PYTORCH_FLAVOR=" + (folder.hasCuda() ? CudaRecipes.CUDA_FLAVOR : "cpu")
                    + ".");
        }
        if (folder.hasCuda() && folder.cudaVersion() != null && !folder.cudaVersion().startsWith("12.")) {
            return Optional.of("PYTORCH_LIBRARY_PATH=" + libraryPath + " holds libtorch " + found + " for CUDA "
                    + folder.cudaVersion() + ", but the " + jni + " CUDA bridge is built for CUDA 12.8. Use libtorch "
                    + need + "+cu128:" + CudaRecipes.both());
        }
        return Optional.empty();
    }

    /**
     * What went wrong when DJL failed to load, in the terms of this setup, with the fix.
     *
     * @param failure DJL's exception
     * @return the explanation
     */
    public String explainFailure(Throwable failure) {
        String cause = rootMessage(failure);
        switch (source()) {
            case LIBRARY_PATH:
                return "Could not load libtorch from PYTORCH_LIBRARY_PATH=" + libraryPath + " (" + cause + "). It must"
                        + " be libtorch " + requiredVersion() + " (" + (folder.version() == null ? "version not written"
                        + " in the folder" : folder.version()) + " found) with its libraries beside it or on the library"
                        + " path: the libtorch zip bundles its CUDA libraries; pip's torch/lib finds them in"
                        + " site-packages/nvidia/*/lib, so use the folder inside a complete pip installation.";
            case DOWNLOAD:
                return "Could not download libtorch " + requiredVersion() + " " + flavor() + " from publish.djl.ai into "
                        + cacheDir + " (" + cause + "). Without network use the offline recipe:" + CudaRecipes.both();
            case CACHED:
                return "Could not load libtorch " + requiredVersion() + " " + flavor() + " from DJL's cache "
                        + cachedLibtorch().getParent() + " (" + cause + "). Delete that folder to download it again"
                        + " with LAYERWISE_TORCH=" + flavor() + ", or use the offline recipe:" + CudaRecipes.both();
            default:
                return "Could not load the PyTorch engine (" + cause + "). Expected libtorch " + requiredVersion()
                        + " from the pytorch-native-" + bundledFlavor() + " jar on the class path; build with"
                        + " 'mvn -q -DskipTests package' and start through bin/layerwise.";
        }
    }

    /** @return one line naming where libtorch comes from */
    public String describe() {
        switch (source()) {
            case LIBRARY_PATH:
                return "PYTORCH_LIBRARY_PATH " + folder.dir() + " (libtorch " + (folder.version() == null ? "version"
                        + " unknown" : folder.version()) + ", " + (folder.hasCuda() ? "CUDA" : "CPU") + " build)";
            case BUNDLED:
                return "the pytorch-native-" + bundledFlavor() + " jar, libtorch " + bundled.getProperty("version");
            case CACHED:
                return "DJL's cache " + cachedLibtorch().getParent() + " (downloaded earlier)";
            default:
                return "a download of libtorch " + requiredVersion() + " " + flavor() + " into " + cacheDir;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        StringBuilder out = new StringBuilder(String.valueOf(t.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            out.append(": ").append(root.getClass().getSimpleName()).append(' ').append(root.getMessage());
        }
        return out.toString();
    }

    /** The first entry with libtorch.so, as DJL searches; otherwise the first entry, to report on. */
    private static LibtorchFolder findLibtorch(String pathList) {
        for (String entry : pathList.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            LibtorchFolder f = LibtorchFolder.inspect(Path.of(entry.strip()));
            if (f.hasLibtorch()) {
                return f;
            }
        }
        return null;
    }

    private static Properties properties(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
            return p;
        } catch (IOException e) {
            return null;
        }
    }

    private static String classifier(Properties props) {
        String os = props.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = props.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String prefix = os.startsWith("mac") ? "osx" : os.startsWith("win") ? "win" : "linux";
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
        return prefix + "-" + cpu;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    @Override
    public String toString() {
        return "libtorch from " + describe();
    }
}
