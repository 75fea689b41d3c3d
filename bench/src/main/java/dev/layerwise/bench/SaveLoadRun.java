package dev.layerwise.bench;

import dev.layerwise.data.Dataset;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.stats.Gradients;
import dev.layerwise.train.Learner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long {@code learner.save} and {@code Learner.load} take for the quickstart's learner (the deep
 * sigmoid net on 10,000 Fashion-MNIST images, one epoch trained, so its history holds 1,000 steps),
 * and for the MLP of the training benchmark: the median of several, after one of each to warm up.
 */
final class SaveLoadRun {
    private SaveLoadRun() {}

    static void run(int repeats) throws IOException {
        Layerwise.threads(1);
        Dataset data = FashionData.dataset(10_000).batchSize(10).seed(42);
        Net quickstart = Net.input(784).dense(30).sigmoid().dense(30).sigmoid().dense(30).sigmoid().dense(10)
                .init(Init.normal(0, 1));
        measure("quickstart", Learner.of(quickstart, data).optimizer(Optimizers.rmsprop(1e-3)).quiet()
                .watch(Gradients.perLayer()), data, repeats);
        measure("mlp", Learner.of(Workload.MLP.net(), data.batchSize(128)).optimizer(Optimizers.momentum(0.05, 0.9))
                .quiet(), data.batchSize(128), repeats);
    }

    private static void measure(String name, Learner learner, Dataset data, int repeats) throws IOException {
        learner.removeCallback("checkpoint");
        learner.fit(1);
        Path file = Files.createTempFile("layerwise-bench-", ".layerwise");
        double[] save = new double[repeats];
        double[] load = new double[repeats];
        try {
            for (int i = -1; i < repeats; i++) {
                long t0 = System.nanoTime();
                learner.save(file);
                long t1 = System.nanoTime();
                try (Learner back = Learner.load(file, data)) {
                    long t2 = System.nanoTime();
                    if (i >= 0) {
                        save[i] = (t1 - t0) / 1e9;
                        load[i] = (t2 - t1) / 1e9;
                    }
                }
            }
            System.out.println(String.format(Locale.ROOT, "{\"saveload\": \"%s\", \"params\": %d, \"steps\": %d,"
                    + " \"bytes\": %d, \"save_s\": %.4f, \"load_s\": %.4f}", name, learner.net().paramCount(),
                    learner.history().steps().size(), Files.size(file), median(save), median(load)));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
