package dev.layerwise.bench;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.stats.Gradients;
import dev.layerwise.train.Learner;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Memory across ten consecutive {@code fit(1)} calls on one learner (MLP, Fashion-MNIST, gradient
 * recording on): resident set size, the part of it outside the JVM's own heap and non-heap pools
 * (libtorch's tensors and allocator caches live there), and the process's peak. One JSON line per fit.
 */
final class MemoryRun {
    private MemoryRun() {}

    static void run(int threads, int examples, int fits) {
        Layerwise.threads(threads);
        Dataset data = FashionData.dataset(examples).batchSize(Workload.MLP.batchSize).seed(42);
        MemoryMXBean jvm = ManagementFactory.getMemoryMXBean();
        try (Learner learner = Learner.of(Workload.MLP.net(), data)
                .optimizer(Optimizers.momentum(Workload.MLP.learningRate, Workload.MLP.momentum))
                .validate(false).quiet().watch(Gradients.perLayer())) {
            for (int i = 1; i <= fits; i++) {
                learner.fit(1);
                System.gc();
                long rss = status("VmRSS");
                long peak = status("VmHWM");
                long jvmCommitted = jvm.getHeapMemoryUsage().getCommitted() + jvm.getNonHeapMemoryUsage().getCommitted();
                System.out.printf(Locale.ROOT, "{\"memory_fit\": %d, \"rss_mb\": %.1f, \"native_mb\": %.1f,"
                                + " \"peak_rss_mb\": %.1f, \"heap_used_mb\": %.1f}%n", i, rss / 1024.0,
                        (rss - jvmCommitted / 1024.0) / 1024.0, peak / 1024.0,
                        jvm.getHeapMemoryUsage().getUsed() / 1048576.0);
            }
        }
    }

    /** A field of /proc/self/status in kB. */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException(field + " is missing from /proc/self/status");
    }
}
