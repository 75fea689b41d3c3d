package dev.layerwise.data;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Applies an {@link Augmentation} to every training example for one epoch; package-private, behind
 * {@link Dataset#epochExamples(int)}. Example i of epoch e draws from its own generator, seeded from
 * (seed, e, i), so the result does not depend on how many threads share the work; examples are
 * processed in blocks on the common fork-join pool.
 */
final class Augmenter {
    private static final int BLOCK = 512;

    private Augmenter() {}

    /** Channels, height and width of image samples of this shape, or null when they are not images. */
    static int[] geometry(int[] shape) {
        if (shape.length == 3) {
            return shape.clone();
        }
        if (shape.length == 2) {
            return new int[] {1, shape[0], shape[1]};
        }
        int side = Shapes.squareSide(shape[0]);
        return shape.length == 1 && side > 1 ? new int[] {1, side, side} : null;
    }

    static Examples epoch(Examples train, Augmentation augmentation, long seed, int epoch) {
        int[] g = geometry(train.sampleShape());
        int size = train.sampleSize();
        float[] in = train.featureArray();
        float[] out = new float[Math.multiplyExact(train.size(), size)];
        long epochSeed = mix(seed * 0x9E3779B97F4A7C15L + epoch);
        int blocks = (train.size() + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int end = Math.min(train.size(), (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < end; i++) {
                SplittableRandom random = new SplittableRandom(mix(epochSeed + i * 0xBF58476D1CE4E5B9L));
                augmentation.apply(in, train.offsetOf(i), out, i * size, g[0], g[1], g[2], random);
            }
        });
        return train.withFeatures(out);
    }

    /** A 64-bit finalizer (SplitMix64's), so that nearby seeds give unrelated generators. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
