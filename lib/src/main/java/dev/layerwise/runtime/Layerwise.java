package dev.layerwise.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import dev.layerwise.device.DeviceReport;
import dev.layerwise.device.GpuUnavailableException;
import dev.layerwise.device.LibtorchFolder;
import dev.layerwise.device.NativeSetup;
import dev.layerwise.engine.Torch;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Process-wide settings: the engine, its threads, the default seed and device.
 *
 * <p>The first call that needs the engine turns on DJL's offline mode (so libtorch is taken from
 * the PyTorch native jar on the class path, or from {@code PYTORCH_LIBRARY_PATH}, and nothing is
 * downloaded), checks the natives before any native code runs ({@link NativeSetup}), loads
 * PyTorch, and prints one line naming the engine, versions, natives, device and threads. The one
 * download ever allowed is the online CUDA path, {@code LAYERWISE_TORCH=cu128}, when DJL's cache
 * does not have it yet. The kernel's magics {@code %seed}, {@code %threads} and {@code %device}
 * call the methods here.
 *
 * <p>Sharing the cores: libtorch's OpenMP threads wait for the next operation by spinning, which is
 * what makes a second thread pay on an idle machine, and what made training up to 23 times slower
 * beside one other busy program when both cores were in use. So a fit uses no more threads than
 * there are cores other programs leave free ({@link #adaptThreads(boolean)}), and OpenMP keeps its
 * default wait ({@code bench/NOTES.md}, "Sharing the cores").
 */
public final class Layerwise {
    /** This library's version. */
    public static final String VERSION = "0.1.0";

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();
    private static volatile Engine engine;
    private static volatile Long defaultSeed;
    private static volatile Device defaultDevice;
    private static volatile String deviceNote = "default";

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
        // Offline before DJL reads it: libtorch comes from the native jar or an installed libtorch,
        // never the network, except for the one download the online CUDA path asks for.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        NativeSetup setup = NativeSetup.current();
        Optional<String> refusal = setup.refusal();
        if (refusal.isPresent()) {
            throw new IllegalStateException("The PyTorch engine was not loaded: " + refusal.get());
        }
        setup.djlProperties().forEach(System::setProperty);
        String offline = System.getProperty("ai.djl.offline");
        if (setup.downloads()) {
            System.out.println("Downloading libtorch " + setup.requiredVersion() + " " + setup.requested()
                    + " (a few GB) into " + setup.cacheDir() + " — once; later starts load it offline.");
            System.setProperty("ai.djl.offline", "false");
            // a dead network fails the download instead of holding the engine forever
            System.getProperties().putIfAbsent("sun.net.client.defaultConnectTimeout", "15000");
            System.getProperties().putIfAbsent("sun.net.client.defaultReadTimeout", "60000");
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(setup.explainFailure(e), e);
        } finally {
            System.setProperty("ai.djl.offline", offline);
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
     * One line describing the runtime: library, DJL and PyTorch versions, natives, device, threads.
     *
     * @return e.g. {@code Layerwise 0.1.0 · DJL 0.35.1 · PyTorch 2.7.1 (offline) · natives cpu · cpu() · 2 threads}
     */
    public static String info() {
        Engine e = engine();
        return String.format(Locale.ROOT, "Layerwise %s · DJL %s · PyTorch %s (%s) · natives %s · %s · %d thread%s",
                VERSION, Engine.getDjlVersion(), e.getVersion(), Utils.isOfflineMode() ? "offline" : "online",
                e.hasCapability("CUDA") ? "CUDA" : nativesFlavor(), device(), threads(), threads() == 1 ? "" : "s");
    }

    private static String nativesFlavor() {
        try {
            return LibtorchFolder.inspect(Torch.libtorchFolder()).hasCuda() ? "CUDA (no GPU)" : "cpu";
        } catch (RuntimeException | LinkageError ex) {
            return "unknown";
        }
    }

    /**
     * What devices training can use: engine, natives and where they came from, CUDA version, GPUs
     * with their memory, and when no GPU is usable, why and how to fix it.
     *
     * @return a fresh report (GPU memory changes)
     */
    public static DeviceReport deviceReport() {
        return DeviceReport.of(engine());
    }

    /**
     * Sets the number of threads PyTorch uses inside one operation, for every later {@code fit}.
     * One thread is often fastest for tiny models (batch 10, 30-unit layers); more help wide layers
     * and large batches.
     *
     * <p>Until a thread count is set (here, with the kernel's {@code %threads}, or outside Java with
     * the system property {@code ai.djl.pytorch.num_threads} or {@code OMP_NUM_THREADS}), each
     * {@code fit} chooses: <b>one thread when the net's weights times the batch size is under
     * {@value #SMALL_STEP}</b> (about that many multiply-adds per dense forward pass; the
     * [784,30,30,30,10] net at batch 10 has 257,200 and trains about 1.4 times faster on one
     * thread than on two), PyTorch's default (one per core) otherwise. The choice holds for that
     * {@code fit} only; {@link #threads()} outside a fit shows the default. To keep the default for
     * every net, set it: {@code Layerwise.threads(Runtime.getRuntime().availableProcessors())}.
     * Either way the count is the most a fit uses: while other programs keep cores busy, it uses
     * fewer ({@link #adaptThreads(boolean)}).
     *
     * @param n at least 1
     */
    public static void threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads(" + n + "): the thread count must be at least 1;"
                    + " the machine has " + Runtime.getRuntime().availableProcessors() + " cores.");
        }
        engine();
        Torch.threads(n);
        threadsSet = true;
    }

    /**
     * Whether a fit uses fewer threads while other programs keep cores busy (on by default; Linux
     * only, where {@code /proc} tells). libtorch's threads wait for each other at the end of every
     * operation, so two threads on two cores, one of them taken by another program, train slower than
     * one thread alone: LeNet beside one spinning process ran 2.9 times slower than idle on two
     * threads, 1.5 times on one ({@code bench/NOTES.md}). With this on, a fit samples the machine
     * every quarter second and runs on no more threads than the cores left free, at least one and
     * never more than {@link #threads(int)} (or the default) allows; it goes back up when the other
     * programs stop. Results then differ in the last bits, as they do between thread counts; turn it
     * off to keep the count fixed. The system property {@code layerwise.adaptThreads} or the
     * environment variable {@code LAYERWISE_ADAPT_THREADS} ({@code false}) turns it off at start.
     *
     * @param adapt false to keep the thread count fixed during fits
     */
    public static void adaptThreads(boolean adapt) {
        adaptThreads = adapt;
    }

    /** @return whether fits follow the free cores (see {@link #adaptThreads(boolean)}) */
    public static boolean adaptsThreads() {
        return adaptThreads;
    }

    private static volatile boolean adaptThreads = !"false".equalsIgnoreCase(
            System.getProperty("layerwise.adaptThreads", System.getenv().getOrDefault("LAYERWISE_ADAPT_THREADS", "true")));

    /** Below this many weights times batch size, a fit whose threads nobody set runs on one thread. */
    public static final long SMALL_STEP = 1_000_000;

    private static volatile boolean threadsSet;

    /**
     * Whether a thread count was chosen by the user: {@link #threads(int)}, the system property
     * {@code ai.djl.pytorch.num_threads} or the environment variable {@code OMP_NUM_THREADS}.
     *
     * @return true when a fit keeps the thread count as it is
     */
    public static boolean threadsSet() {
        return threadsSet || System.getProperty("ai.djl.pytorch.num_threads") != null
                || System.getenv("OMP_NUM_THREADS") != null;
    }

    /** @return the number of intra-op threads PyTorch uses now */
    public static int threads() {
        engine();
        return Torch.threads();
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
        Torch.seed(seed);
    }

    /** @return the default seed, 42 unless {@link #seed(long)} changed it */
    public static long seed() {
        Long s = defaultSeed;
        return s == null ? 42L : s;
    }

    /**
     * Chooses the device new learners use: {@code "cpu"}, {@code "gpu"} (also {@code "gpu:1"},
     * {@code "cuda"}) or {@code "auto"}. Asking for a GPU where none is usable throws a
     * {@link GpuUnavailableException} that says why (no driver, CPU-only natives, a CUDA build that
     * does not start) and how to fix it, and changes nothing; {@code "auto"} takes the GPU when one
     * is usable and otherwise the CPU, keeping the reason in {@link #deviceNote()}. Existing
     * learners keep their device; move one with {@code learner.device(...)}.
     *
     * @param name the device name
     * @return the chosen device
     */
    public static Device device(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        String note = "chosen";
        Device chosen;
        if (n.equals("auto")) {
            DeviceReport report = deviceReport();
            chosen = report.gpuUsable() ? Device.gpu() : Device.cpu();
            note = report.gpuUsable() ? "auto: a usable GPU" : "auto: no usable GPU (" + report.whyNoGpu() + ")";
        } else {
            chosen = resolveDevice(name);
        }
        defaultDevice = chosen;
        deviceNote = note;
        return chosen;
    }

    /**
     * The device a name means, checked but not made the default: {@code "cpu"}; {@code "gpu"},
     * {@code "gpu:1"}, {@code "cuda"} when PyTorch can use that GPU; {@code "auto"}, the first GPU
     * when one is usable and otherwise the CPU.
     *
     * @param name the device name
     * @return the device
     * @throws GpuUnavailableException when a GPU is named and none is usable
     */
    public static Device resolveDevice(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.equals("auto")) {
            return deviceReport().gpuUsable() ? Device.gpu() : Device.cpu();
        }
        if (n.matches("(gpu|cuda)(:\\d{1,3})?")) {
            int index = n.contains(":") ? Integer.parseInt(n.substring(n.indexOf(':') + 1)) : 0;
            return requireUsable(Device.gpu(index), "device(\"" + name + "\")");
        }
        throw new IllegalArgumentException("device(\"" + name + "\"): unknown device; expected \"cpu\", \"gpu\""
                + " (or \"gpu:1\" for the second GPU) or \"auto\".");
    }

    /**
     * Checks that a device can be trained on: the CPU always; a GPU when PyTorch can use it.
     *
     * @param device the device
     * @param asked the call, for the message, e.g. {@code learner.device(gpu(0))}
     * @return the device
     * @throws GpuUnavailableException with the reasons and fixes when it is a GPU that cannot be used
     */
    public static Device requireUsable(Device device, String asked) {
        if (!device.isGpu()) {
            return device;
        }
        DeviceReport report = deviceReport();
        if (!report.gpuUsable()) {
            throw report.unavailable(asked);
        }
        if (device.getDeviceId() >= report.gpuCount()) {
            throw new GpuUnavailableException(asked + ": there is no " + device + "; PyTorch can use " + report.gpuCount()
                    + " GPU" + (report.gpuCount() == 1 ? " (gpu(0))" : "s (gpu(0) to gpu(" + (report.gpuCount() - 1) + "))")
                    + ". Nothing was changed.", report);
        }
        return device;
    }

    /** @return the device new learners use; the CPU unless {@link #device(String)} chose another */
    public static Device device() {
        Device d = defaultDevice;
        return d == null ? Device.cpu() : d;
    }

    /** @return how the default device was chosen, e.g. {@code auto: no usable GPU (no NVIDIA driver; CPU-only natives)} */
    public static String deviceNote() {
        return deviceNote;
    }
}
