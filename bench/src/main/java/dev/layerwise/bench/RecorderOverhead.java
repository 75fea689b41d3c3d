package dev.layerwise.bench;

import dev.layerwise.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.stats.GradientWatch;
import dev.layerwise.stats.Gradients;
import dev.layerwise.train.Learner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark, not a test: how much slower one epoch of the [784,30,30,30,10] sigmoid net trains on
 * Fashion-MNIST 10k at batch 10 with the gradient recorder on, per configuration, against no
 * recorder. Epochs alternate between configurations and the median of several is compared.
 * Run: {@code java -cp lib/target/test-classes:lib/target/classes:$(cat cp.txt) dev.layerwise.bench.RecorderOverhead [rounds]}.
 */
public final class RecorderOverhead {
    private RecorderOverhead() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Layerwise.threads(1);
        Dataset data = Datasets.fashionMnist().subset(10_000).batchSize(10).seed(42);
        Map<String, GradientWatch> configs = new LinkedHashMap<>();
        configs.put("off", null);
        configs.put("every step", Gradients.perLayer().every(1));
        configs.put("default (every " + GradientWatch.DEFAULT_EVERY + ")", Gradients.perLayer());
        configs.put("every step + activations + histograms", Gradients.perLayer().every(1).activations().histograms(40, 10));
        Map<String, Learner> learners = new LinkedHashMap<>();
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        configs.forEach((name, watch) -> {
            Net net = Net.input(784).dense(30).sigmoid().dense(30).sigmoid().dense(30).sigmoid().dense(10)
                    .init(Init.normal(0, 1));
            Learner l = Learner.of(net, data).validate(false);
            l.removeCallback("progress");
            if (watch != null) {
                l.watch(watch);
            }
            l.fit(1); // warm-up
            learners.put(name, l);
            seconds.put(name, new ArrayList<>());
        });
        for (int r = 0; r < rounds; r++) {
            learners.forEach((name, l) -> seconds.get(name).add(l.fit(1).lastEpoch().seconds()));
        }
        double base = median(seconds.get("off"));
        System.out.printf(Locale.ROOT, "%-40s %10s %10s %8s%n", "recorder", "s/epoch", "ms/step", "ratio");
        seconds.forEach((name, s) -> System.out.printf(Locale.ROOT, "%-40s %10.3f %10.4f %8.3f   %s%n", name,
                median(s), median(s) / data.batchesPerEpoch() * 1000, median(s) / base, s));
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
