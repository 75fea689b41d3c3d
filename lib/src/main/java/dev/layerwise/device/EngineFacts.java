package dev.layerwise.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.layerwise.engine.Torch;
import ai.djl.util.cuda.CudaUtils;

import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the loaded engine says about CUDA: where its libtorch is, whether it is a CUDA build,
 * whether PyTorch finds a device ({@code torch::cuda::is_available()}), how many, the CUDA runtime
 * version, and each GPU's name and memory.
 *
 * @param engine the engine's name, {@code PyTorch}
 * @param version libtorch's version
 * @param djlVersion DJL's version
 * @param libtorchDir the folder libtorch was loaded from, or null when DJL does not say
 * @param cudaBuild whether that libtorch is a CUDA build ({@code libtorch_cuda.so} beside it)
 * @param cudaAvailable whether PyTorch can use a GPU
 * @param gpuCount how many GPUs PyTorch can use
 * @param cudaRuntime the CUDA runtime version, e.g. {@code 12.8}, or null when unknown
 * @param gpus the GPUs, with names and memory where known
 */
public record EngineFacts(String engine, String version, String djlVersion, Path libtorchDir, boolean cudaBuild,
        boolean cudaAvailable, int gpuCount, String cudaRuntime, List<GpuInfo> gpus) {
    private static final int MAX_PROBED = 16;

    /**
     * Asks a loaded engine and the driver.
     *
     * @param e the engine
     * @param driver the driver, for GPU names when CUDA cannot be asked
     * @return the facts
     */
    public static EngineFacts probe(Engine e, NvidiaDriver driver) {
        Path dir = null;
        try {
            dir = Torch.libtorchFolder();
        } catch (RuntimeException | LinkageError ignored) {
            // another engine, or DJL changed: the report says "unknown"
        }
        boolean cudaBuild = dir != null && LibtorchFolder.inspect(dir).hasCuda();
        boolean available = e.hasCapability("CUDA");
        int count = available ? count(e, driver.gpuNames().isEmpty() ? MAX_PROBED : driver.gpuNames().size()) : 0;
        String runtime = null;
        try {
            if (available && CudaUtils.hasCuda()) {
                int v = CudaUtils.getCudaVersion();
                runtime = (v / 1000) + "." + (v % 1000) / 10;
            }
        } catch (RuntimeException | LinkageError ignored) {
            // DJL finds libcudart through JNA; without it the version comes from the libtorch folder
        }
        return new EngineFacts(e.getEngineName(), e.getVersion(), Engine.getDjlVersion(), dir, cudaBuild, available,
                count, runtime, gpus(count, driver));
    }

    /** DJL counts through libcudart; when JNA cannot find it, count devices PyTorch can allocate on. */
    private static int count(Engine e, int most) {
        try {
            int n = CudaUtils.getGpuCount();
            if (n > 0) {
                return n;
            }
        } catch (RuntimeException | LinkageError ignored) {
            // fall through to asking PyTorch
        }
        int n = 0;
        try (NDManager m = e.newBaseManager()) {
            while (n < most) {
                m.zeros(new ai.djl.ndarray.types.Shape(1), ai.djl.ndarray.types.DataType.FLOAT32, Device.gpu(n));
                n++;
            }
        } catch (RuntimeException ignored) {
            // the first index PyTorch rejects ends the count
        }
        return n;
    }

    private static List<GpuInfo> gpus(int count, NvidiaDriver driver) {
        List<GpuInfo> smi = driver.present() ? NvidiaSmi.query() : List.of();
        List<GpuInfo> out = new ArrayList<>();
        int listed = Math.max(count, Math.max(smi.size(), driver.gpuNames().size()));
        for (int i = 0; i < listed; i++) {
            GpuInfo g = i < smi.size() ? smi.get(i)
                    : new GpuInfo(i, i < driver.gpuNames().size() ? driver.gpuNames().get(i) : "unknown", -1, -1);
            if (i < count) {
                try {
                    MemoryUsage mem = CudaUtils.getGpuMemory(Device.gpu(i));
                    g = g.withMemory(mem.getMax(), mem.getUsed());
                } catch (RuntimeException | LinkageError ignored) {
                    // keep nvidia-smi's figures
                }
            }
            out.add(g);
        }
        return List.copyOf(out);
    }
}
