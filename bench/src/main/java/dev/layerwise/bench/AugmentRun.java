package dev.layerwise.bench;

import dev.layerwise.data.Augment;
import dev.layerwise.data.Dataset;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.train.EpochRecord;
import dev.layerwise.train.Learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What augmentation costs per epoch: the same workload on all of Fashion-MNIST, plain and with
 * {@code augment(Augment.crop(4), Augment.flip())}, learners alternating in one process. Each epoch's
 * own clock includes drawing that epoch's augmented copy and sending it to the device; the first
 * epoch of each learner (a warm-up of its kernels) is left out, and the medians are compared.
 */
final class AugmentRun {
    private AugmentRun() {}

    static String run(Workload w, int threads, int epochs, int repeats) {
        Layerwise.threads(threads);
        Dataset plain = FashionData.dataset(0).batchSize(w.batchSize).seed(1);
        if (w.takesImages()) {
            plain = plain.images();
        }
        Dataset augmented = plain.augment(Augment.crop(4), Augment.flip());
        try (Learner warm = learner(w, plain.subset(30 * w.batchSize))) {
            warm.fit(1);
        }
        List<Double> plainSeconds = new ArrayList<>();
        List<Double> augmentedSeconds = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            plainSeconds.addAll(steadyEpochs(w, plain, epochs));
            augmentedSeconds.addAll(steadyEpochs(w, augmented, epochs));
        }
        double p = median(plainSeconds);
        double a = median(augmentedSeconds);
        return String.format(Locale.ROOT, "{\"workload\": \"%s\", \"threads\": %d, \"epochs\": %d, \"plain_s\": %.4f,"
                + " \"augmented_s\": %.4f, \"ratio\": %.3f, \"augmentation\": \"%s\"}", w.id(), threads,
                plainSeconds.size(), p, a, a / p, augmented.augmentation().orElseThrow());
    }

    private static List<Double> steadyEpochs(Workload w, Dataset data, int epochs) {
        try (Learner learner = learner(w, data)) {
            List<EpochRecord> records = learner.fit(epochs + 1).epochs();
            return records.subList(1, records.size()).stream().map(EpochRecord::seconds).toList();
        }
    }

    private static Learner learner(Workload w, Dataset data) {
        return Learner.of(w.net(), data).optimizer(Optimizers.momentum(w.learningRate, w.momentum)).validate(false)
                .quiet();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
