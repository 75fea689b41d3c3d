package dev.layerwise.bench;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.stats.GradientWatch;
import dev.layerwise.stats.Gradients;
import dev.layerwise.train.Learner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark, not a test: how much slower one epoch of the [784,30,30,30,10] sigmoid net trains on
 * Fashion-MNIST 10k at batch 10 with the gradient recorder on, per configuration, against no
 * recorder. One learner switches between configurations epoch by epoch, and the median of several
 * epochs is compared, in wall time and in the training thread's CPU time (with one PyTorch thread
 * the native work runs on that thread too).
 * Run: {@code bench/run} (its recorder section), or {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.layerwise.bench.RecorderOverhead [rounds]}.
 */
public final class RecorderOverhead {
    private RecorderOverhead() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        Layerwise.threads(1);
        Dataset data = Datasets.fashionMnist().subset(10_000).batchSize(10).seed(42);
        Map<String, GradientWatch> configs = new LinkedHashMap<>();
        configs.put("off", null);
        configs.put("every step", Gradients.perLayer().every(1));
        configs.put("default (every " + GradientWatch.DEFAULT_EVERY + ")", Gradients.perLayer());
        configs.put("every step + activations + histograms", Gradients.perLayer().every(1).activations().histograms(40, 10));
        // One learner for every configuration, switching the recorder between epochs: separate learners differ
        // by several per cent from one another even with no recorder (where their arrays landed in memory),
        // which is more than the effect measured here. The order of configurations rotates every round.
        Net net = Net.input(784).dense(30).sigmoid().dense(30).sigmoid().dense(30).sigmoid().dense(10)
                .init(Init.normal(0, 1));
        Learner learner = Learner.of(net, data).validate(false).quiet();
        List<String> names = new ArrayList<>(configs.keySet());
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>(); // the training thread's CPU time: steadier on a busy machine
        names.forEach(name -> {
            use(learner, configs.get(name));
            learner.fit(1); // warm-up, each configuration's code paths included
            seconds.put(name, new ArrayList<>());
            cpuSeconds.put(name, new ArrayList<>());
        });
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + r) % names.size());
                use(learner, configs.get(name));
                long cpu = clock.getCurrentThreadCpuTime();
                seconds.get(name).add(learner.fit(1).lastEpoch().seconds());
                cpuSeconds.get(name).add((clock.getCurrentThreadCpuTime() - cpu) / 1e9);
            }
        }
        double base = median(seconds.get("off"));
        double cpuBase = median(cpuSeconds.get("off"));
        System.out.printf(Locale.ROOT, "%-40s %10s %10s %8s %10s %8s%n", "recorder", "s/epoch", "ms/step", "ratio",
                "cpu s", "cpu ratio");
        seconds.forEach((name, s) -> System.out.printf(Locale.ROOT, "%-40s %10.3f %10.4f %8.3f %10.3f %8.3f%n", name,
                median(s), median(s) / data.batchesPerEpoch() * 1000, median(s) / base,
                median(cpuSeconds.get(name)), median(cpuSeconds.get(name)) / cpuBase));
    }

    private static void use(Learner learner, GradientWatch watch) {
        if (watch == null) {
            learner.removeCallback("gradients");
        } else {
            learner.watch(watch);
        }
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
