package dev.layerwise.device;

import ai.djl.util.Utils;
import ai.djl.engine.Engine;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which devices training can use and why: the engine and its version, the libtorch flavor in use
 * ({@code cpu}, {@code cu128}) and where it was loaded from, the CUDA version, the driver, each GPU
 * with its memory — and, when no GPU is usable, every reason with its fix. {@code %device} prints
 * it; {@code Layerwise.device("gpu")} throws its reasons.
 * <pre>{@code
 * DeviceReport.current()          // in a notebook: the report as text
 * }</pre>
 */
public final class DeviceReport implements Displayable {
    private static final Pattern CACHE_FLAVOR = Pattern.compile("-(cu\\d+)(?:-precxx11)?-");

    private final NativeSetup setup;
    private final NvidiaDriver driver;
    private final EngineFacts engine;
    private final boolean offline;
    private final List<Problem> problems;

    private DeviceReport(NativeSetup setup, NvidiaDriver driver, EngineFacts engine, boolean offline) {
        this.setup = setup;
        this.driver = driver;
        this.engine = engine;
        this.offline = offline;
        this.problems = gpuUsable() ? List.of() : List.copyOf(findProblems());
    }

    /**
     * The report for this process ({@code Layerwise.deviceReport()} loads the engine and asks here).
     *
     * @param e the loaded engine
     * @return the report
     */
    public static DeviceReport of(Engine e) {
        NvidiaDriver driver = NvidiaDriver.current();
        return new DeviceReport(NativeSetup.current(), driver, EngineFacts.probe(e, driver), Utils.isOfflineMode());
    }

    /**
     * A report from given facts, for tests and for explaining another machine.
     *
     * @param setup where the natives came from
     * @param driver the driver
     * @param engine what the engine says
     * @param offline whether DJL's offline mode is on
     * @return the report
     */
    public static DeviceReport diagnose(NativeSetup setup, NvidiaDriver driver, EngineFacts engine, boolean offline) {
        return new DeviceReport(setup, driver, engine, offline);
    }

    /** @return whether PyTorch can train on a GPU */
    public boolean gpuUsable() {
        return engine.cudaAvailable() && engine.gpuCount() > 0;
    }

    /** @return how many GPUs PyTorch can use */
    public int gpuCount() {
        return engine.cudaAvailable() ? engine.gpuCount() : 0;
    }

    /** @return the GPUs, those PyTorch can use first; the driver may list GPUs PyTorch cannot use */
    public List<GpuInfo> gpus() {
        return engine.gpus();
    }

    /** @return the libtorch flavor in use: {@code cpu} or a CUDA flavor such as {@code cu128} */
    public String flavor() {
        if (!engine.cudaBuild()) {
            return "cpu";
        }
        if (engine.libtorchDir() != null) {
            Matcher m = CACHE_FLAVOR.matcher(engine.libtorchDir().getFileName() + "-");
            if (m.find()) {
                return m.group(1);
            }
        }
        LibtorchFolder f = setup.folder();
        return f != null && f.hasCuda() ? f.flavor() : "cuda";
    }

    /** @return the CUDA version: the runtime's when CUDA can be asked, else the one libtorch was built for, or null */
    public String cudaVersion() {
        if (engine.cudaRuntime() != null) {
            return engine.cudaRuntime();
        }
        LibtorchFolder f = setup.folder();
        if (engine.cudaBuild() && f != null && f.cudaVersion() != null) {
            return f.cudaVersion() + " (build)";
        }
        Matcher m = Pattern.compile("^cu(\\d+)(\\d)$").matcher(flavor());
        return m.find() ? m.group(1) + "." + m.group(2) + " (build)" : null;
    }

    /** @return why no GPU is usable, each with its fix; empty when one is */
    public List<Problem> problems() {
        return problems;
    }

    /** @return the reasons in one line, e.g. {@code no NVIDIA driver; CPU-only natives}, or empty when a GPU is usable */
    public String whyNoGpu() {
        return problems.stream().map(p -> brief(p.reason())).collect(Collectors.joining("; "));
    }

    /** @return where libtorch came from */
    public NativeSetup setup() {
        return setup;
    }

    /** @return the driver */
    public NvidiaDriver driver() {
        return driver;
    }

    /** @return what the engine says */
    public EngineFacts engine() {
        return engine;
    }

    /**
     * The error for asking a GPU that is not there.
     *
     * @param asked the call, e.g. {@code device("gpu")}
     * @return the exception, with every reason and fix
     */
    public GpuUnavailableException unavailable(String asked) {
        StringBuilder b = new StringBuilder(asked).append(": no usable GPU, so nothing was changed. ").append(natives())
                .append('.');
        for (Problem p : problems) {
            b.append("\n  - ").append(p.reason()).append("\n    fix: ").append(p.fix());
        }
        b.append("\n  %device shows the full report; %device auto picks the GPU only when one is usable.");
        return new GpuUnavailableException(b.toString(), this);
    }

    /** @return one line for the kernel banner */
    public String summary() {
        if (gpuUsable()) {
            String gpus = engine.gpus().stream().limit(engine.gpuCount()).map(GpuInfo::toString)
                    .collect(Collectors.joining(", "));
            return "GPU: " + gpus + " · libtorch " + engine.version() + " " + flavor() + " · CUDA " + cudaVersion()
                    + (driver.version() == null ? "" : " · driver " + driver.version());
        }
        return "GPU: none usable (" + whyNoGpu() + ") · libtorch " + engine.version() + " " + flavor()
                + " · %device explains";
    }

    private String natives() {
        return "Loaded: libtorch " + engine.version() + " " + flavor() + " from " + where();
    }

    private String where() {
        Path dir = engine.libtorchDir();
        return (dir == null ? "an unknown folder" : dir.toString()) + " (" + setup.describe() + ")";
    }

    private List<Problem> findProblems() {
        List<Problem> out = new ArrayList<>();
        if (!driver.present()) {
            out.add(new Problem("no NVIDIA driver: /proc/driver/nvidia is missing and libcuda.so.1 is in none of "
                    + driver.searched().size() + " library folders (LD_LIBRARY_PATH, /usr/lib/x86_64-linux-gnu, …)",
                    "install the NVIDIA driver so that nvidia-smi lists the GPU; in a container, start it with"
                            + " --gpus all (NVIDIA Container Toolkit on the host)."));
        } else if (driver.libcuda() == null) {
            out.add(new Problem("driver library missing: the NVIDIA kernel driver " + driver.version()
                    + " is loaded but libcuda.so.1 is in none of the library folders",
                    "install the driver's user-space libraries of the same version, or add the folder holding"
                            + " libcuda.so.1 to LD_LIBRARY_PATH."));
        }
        if (!engine.cudaBuild()) {
            out.add(cpuNatives());
        } else if (driver.present()) {
            out.add(cudaNotStarting());
        }
        return out;
    }

    private Problem cpuNatives() {
        if (setup.libraryPathIgnored()) {
            return new Problem("CPU-only natives: PYTORCH_LIBRARY_PATH=" + setup.libraryPath() + " holds no libtorch.so,"
                    + " so DJL passed over it and loaded the CPU build from " + where(),
                    "point PYTORCH_LIBRARY_PATH at the folder that holds libtorch.so (lib/ of the libtorch 2.7.1+cu128"
                            + " zip, or torch/lib of a PyTorch 2.7.1+cu128 installation):" + CudaRecipes.both());
        }
        if (!setup.requested().equals("cpu")) {
            return new Problem("CPU-only natives: LAYERWISE_TORCH=" + setup.requested() + " was set but DJL loaded a CPU"
                    + " build from " + where() + " (DJL falls back to CPU when its download index has no "
                    + setup.requested() + " build for this machine)",
                    "delete that folder and use the offline recipe:" + CudaRecipes.both());
        }
        return new Problem("CPU-only natives: the loaded libtorch " + engine.version() + " is the CPU build, from "
                + where(), "load CUDA natives instead:" + CudaRecipes.both());
    }

    private Problem cudaNotStarting() {
        StringBuilder why = new StringBuilder("CUDA does not start: libtorch " + engine.version() + " " + flavor()
                + " is a CUDA build, but PyTorch finds no usable GPU with " + driver.describe());
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        if (visible != null && (visible.isBlank() || visible.strip().equals("-1"))) {
            why.append("; CUDA_VISIBLE_DEVICES=").append(visible).append(" hides every GPU");
        }
        if (driver.major() > 0 && driver.major() < 570) {
            why.append("; driver ").append(driver.version()).append(" is older than CUDA 12.8 asks for (570 or newer;"
                    + " 525 and later may work through CUDA's minor-version compatibility)");
        }
        return new Problem(why.toString(), "check that nvidia-smi lists the GPU and that this user can open /dev/nvidia*;"
                + " unset CUDA_VISIBLE_DEVICES or name a GPU in it; update the driver to 570 or newer.");
    }

    /** The label before the first colon: {@code no NVIDIA driver}, {@code CPU-only natives}. */
    private static String brief(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Devices\n");
        b.append("  engine   ").append(engine.engine()).append(' ').append(engine.version()).append(" · DJL ")
                .append(engine.djlVersion()).append(offline ? " · offline" : " · online").append('\n');
        b.append("  natives  ").append(flavor()).append(" — ").append(where()).append('\n');
        String cuda = cudaVersion();
        b.append("  CUDA     ").append(cuda == null ? "none" : cuda).append('\n');
        b.append("  driver   ").append(driver.describe()).append('\n');
        b.append("  GPUs     ");
        if (engine.gpus().isEmpty()) {
            b.append("none");
        } else {
            b.append(engine.gpus().stream().map(GpuInfo::toString).collect(Collectors.joining("\n           ")));
            if (gpuCount() < engine.gpus().size()) {
                b.append("\n           PyTorch can use ").append(gpuCount()).append(" of them");
            }
        }
        b.append('\n');
        if (gpuUsable()) {
            b.append("  usable   yes: Layerwise.device(\"gpu\") or %device gpu");
        } else {
            b.append("  usable   no — training runs on cpu()");
            for (Problem p : problems) {
                b.append("\n   - ").append(p.reason()).append("\n     fix: ").append(p.fix());
            }
        }
        return b.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
