package dev.layerwise.bench;

import java.util.Locale;

/**
 * One timed training run, printed as one JSON line for {@code bench/run}: the measured epoch's
 * wall time (warm-up excluded), its throughput, the test accuracy after it, and the seed it ran with.
 */
record RunResult(String impl, Workload workload, int threads, int examples, double seconds, double testAccuracy,
                 long parameters, long seed) {

    double examplesPerSecond() {
        return examples / seconds;
    }

    String json() {
        return String.format(Locale.ROOT, "{\"impl\": \"%s\", \"workload\": \"%s\", \"threads\": %d, \"examples\": %d,"
                        + " \"seconds\": %.4f, \"examples_per_s\": %.1f, \"accuracy\": %.4f, \"params\": %d,"
                        + " \"seed\": %d}",
                impl, workload.id(), threads, examples, seconds, examplesPerSecond(), testAccuracy, parameters, seed);
    }
}
