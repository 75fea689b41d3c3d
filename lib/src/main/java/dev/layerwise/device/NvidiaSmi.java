package dev.layerwise.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GPU names and memory from {@code nvidia-smi}, which comes with every NVIDIA driver: the fallback
 * when DJL cannot open {@code libcudart} to ask CUDA itself. Waits at most a few seconds.
 */
final class NvidiaSmi {
    private static final long MIB = 1024L * 1024;

    private NvidiaSmi() {}

    /** @return one entry per GPU the driver lists, or an empty list when nvidia-smi is missing or fails */
    static List<GpuInfo> query() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,memory.total,memory.used",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? parse(out) : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Parses lines such as {@code 0, NVIDIA H100 80GB HBM3, 81559, 1} (memory in MiB). */
    static List<GpuInfo> parse(String csv) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] f = line.split(",");
            if (f.length < 4) {
                continue;
            }
            try {
                gpus.add(new GpuInfo(Integer.parseInt(f[0].strip()), f[1].strip(),
                        Long.parseLong(f[2].strip()) * MIB, Long.parseLong(f[3].strip()) * MIB));
            } catch (NumberFormatException e) {
                // a line that is not a GPU row (a warning from the driver) is skipped
            }
        }
        return gpus;
    }
}
