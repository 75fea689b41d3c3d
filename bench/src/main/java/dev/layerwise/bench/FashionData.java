package dev.layerwise.bench;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;

/** Fashion-MNIST as plain arrays, loaded through the library's IDX reader (pixels scaled to [0, 1]). */
final class FashionData {
    final float[] trainX;
    final int[] trainY;
    final float[] testX;
    final int[] testY;

    private FashionData(Examples train, Examples test) {
        trainX = train.features();
        trainY = train.labels();
        testX = test.features();
        testY = test.labels();
    }

    /** The first {@code n} training examples (all when n is 0) and the whole test set. */
    static FashionData load(int n) {
        return new FashionData(dataset(n).train(), dataset(n).testExamples());
    }

    /** The same examples as a library dataset. */
    static Dataset dataset(int n) {
        Dataset d = Datasets.fashionMnist();
        return n > 0 && n < d.size() ? d.subset(n) : d;
    }

    int trainSize() {
        return trainY.length;
    }
}
