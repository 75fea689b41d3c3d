package dev.layerwise;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Process-wide settings: the engine, its threads, the default seed and device.
 *
 * <p>The first call that needs the engine turns on DJL's offline mode (so libtorch is taken from
 * the PyTorch native jar on the class path and nothing is downloaded), loads PyTorch, and prints
 * one line naming the engine, versions, device and threads. The kernel's magics {@code %seed},
 * {@code %threads} and {@code %device} call the methods here.
 */
public final class Layerwise {
    /** This library's version. */
    public static final String VERSION = "0.1.0";

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();
    private static volatile Engine engine;
    private static volatile Long defaultSeed;
    private static volatile Device defaultDevice;

    private Layerwise() {}

    /**
     * The PyTorch engine, loaded offline on first use.
     *
     * @return the engine
     */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (Layerwise.class) {
                if (engine == null) {
                    engine = load();
                }
                e = engine;
            }
            if (ANNOUNCED.compareAndSet(false, true)) {
                System.out.println(info());
            }
        }
        return e;
    }

    private static Engine load() {
        // Offline before DJL reads it: libtorch must come from the native jar, never the network.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("Could not load the PyTorch engine (" + e.getMessage()
                    + "). Expected libtorch 2.7.1 from the pytorch-native-cpu jar on the class path;"
                    + " build with 'mvn -q -DskipTests package' and start through bin/layerwise.", e);
        }
    }

    /**
     * Loads the engine on a background thread, so a later cell does not wait for it.
     *
     * @return the started thread
     */
    public static Thread warmUp() {
        Thread t = new Thread(Layerwise::engine, "layerwise-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * One line describing the runtime: library, DJL and PyTorch versions, device, threads.
     *
     * @return e.g. {@code Layerwise 0.1.0 · DJL 0.35.1 · PyTorch 2.7.1 (offline) · cpu() · 2 threads}
     */
    public static String info() {
        Engine e = engine();
        return String.format(Locale.ROOT, "Layerwise %s · DJL %s · PyTorch %s (%s) · %s · %d thread%s",
                VERSION, Engine.getDjlVersion(), e.getVersion(),
                Boolean.getBoolean("ai.djl.offline") ? "offline" : "online",
                device(), threads(), threads() == 1 ? "" : "s");
    }

    /**
     * Sets the number of threads PyTorch uses inside one operation. One thread is often fastest for
     * tiny models (batch 10, 30-unit layers); more help wide layers and large batches.
     *
     * @param n at least 1
     */
    public static void threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads(" + n + "): the thread count must be at least 1;"
                    + " the machine has " + Runtime.getRuntime().availableProcessors() + " cores.");
        }
        engine();
        JniUtils.setNumThreads(n);
    }

    /** @return the number of intra-op threads PyTorch uses now */
    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /**
     * Sets the seed new learners and datasets use when none is given, and seeds PyTorch's own
     * generator (dropout masks).
     *
     * @param seed any value
     */
    public static void seed(long seed) {
        defaultSeed = seed;
        engine();
        JniUtils.setSeed(seed);
    }

    /** @return the default seed, 42 unless {@link #seed(long)} changed it */
    public static long seed() {
        Long s = defaultSeed;
        return s == null ? 42L : s;
    }

    /**
     * Chooses the device new learners use: {@code "cpu"}, {@code "gpu"} or {@code "auto"}.
     *
     * @param name the device name
     * @return the chosen device
     */
    public static Device device(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Engine e = engine();
        int gpus = e.getGpuCount();
        Device chosen;
        switch (n) {
            case "cpu":
                chosen = Device.cpu();
                break;
            case "gpu":
            case "cuda":
                if (gpus == 0) {
                    throw new IllegalStateException("No usable GPU: PyTorch " + e.getVersion()
                            + " was loaded with CPU-only natives (pytorch-native-cpu), or no CUDA driver is present."
                            + " Training stays on cpu(). See the README's GPU section for CUDA natives.");
                }
                chosen = Device.gpu();
                break;
            case "auto":
                chosen = gpus > 0 ? Device.gpu() : Device.cpu();
                break;
            default:
                throw new IllegalArgumentException("device(\"" + name + "\"): unknown device; expected"
                        + " \"cpu\", \"gpu\" or \"auto\".");
        }
        defaultDevice = chosen;
        return chosen;
    }

    /** @return the device new learners use; the CPU unless {@link #device(String)} chose another */
    public static Device device() {
        Device d = defaultDevice;
        return d == null ? Device.cpu() : d;
    }
}
