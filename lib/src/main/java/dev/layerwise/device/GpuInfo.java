package dev.layerwise.device;

import java.util.Locale;

/**
 * One GPU: its index as PyTorch numbers it, its model name and memory.
 *
 * @param index the index, as in {@code Device.gpu(index)}
 * @param name the model name, e.g. {@code NVIDIA H100 80GB HBM3}, or {@code unknown}
 * @param totalBytes its memory, or -1 when unknown
 * @param usedBytes memory in use now (by every process), or -1 when unknown
 */
public record GpuInfo(int index, String name, long totalBytes, long usedBytes) {
    /** @return a copy with memory figures, for when another source knows them */
    GpuInfo withMemory(long total, long used) {
        return new GpuInfo(index, name, total, used);
    }

    @Override
    public String toString() {
        String memory = totalBytes < 0 ? "memory unknown"
                : gib(totalBytes) + (usedBytes < 0 ? "" : ", " + gib(usedBytes) + " in use");
        return "gpu(" + index + ") " + name + " (" + memory + ")";
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
