package dev.layerwise.bench;

import java.util.Locale;

/**
 * One timed training run, printed as one JSON line for {@code bench/run}: a fresh model's first
 * epoch, timed from the moment the data set becomes tensors (the copy into native memory included)
 * to the end of that epoch; then the steady epochs after it, their wall time and throughput; the
 * test accuracy after the first epoch; and the seed it ran with. With no steady epochs asked for,
 * the steady figures are the first epoch's. Each span also has the training thread's CPU time, which a
 * busy machine disturbs far less than wall time.
 */
record RunResult(String impl, Workload workload, int threads, int examples, double firstSeconds, double seconds,
                 int steadyEpochs, double firstCpuSeconds, double cpuSeconds, double testAccuracy, long parameters,
                 long seed) {
    /**
     * Throw-away models each side trains (one epoch each) before anything is timed. A JVM keeps
     * compiling the training loop well into a second model's first epoch: after one, a fresh model's
     * first epoch at 2 threads was 1.11-1.18x its next, after two 1.01-1.13x with a short OpenMP spin;
     * with libgomp's own spin the two training threads hold both cores and the JIT's compiler thread
     * finishes later: after two, the MLP's first epoch at 2 threads was still 1.15-1.21x in two runs of
     * three, with C2 compiling hot DJL methods through the next epoch (bench/NOTES.md). PyTorch
     * compiles nothing, so the count changes nothing there.
     */
    static final int WARMUP_MODELS = 3;

    /** CPU time of the calling thread so far, in seconds: the training thread's own work, whatever else the machine runs. */
    static double threadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    double examplesPerSecond() {
        return examples * Math.max(1, steadyEpochs) / seconds;
    }

    String json() {
        return String.format(Locale.ROOT, "{\"impl\": \"%s\", \"workload\": \"%s\", \"threads\": %d, \"examples\": %d,"
                        + " \"first_seconds\": %.4f, \"seconds\": %.4f, \"steady_epochs\": %d, \"examples_per_s\": %.1f,"
                        + " \"first_cpu_seconds\": %.4f, \"cpu_seconds\": %.4f,"
                        + " \"accuracy\": %.4f, \"params\": %d, \"seed\": %d}",
                impl, workload.id(), threads, examples, firstSeconds, seconds, steadyEpochs, examplesPerSecond(),
                firstCpuSeconds, cpuSeconds, testAccuracy, parameters, seed);
    }
}
