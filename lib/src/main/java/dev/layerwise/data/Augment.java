package dev.layerwise.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The usual image augmentations, as values to give {@link Dataset#augment(Augmentation...)}:
 * {@code data.augment(Augment.crop(4), Augment.flip())} trains every epoch on freshly cropped and
 * flipped copies of the training images (validation and test images stay as they are).
 *
 * <p>{@link #crop(int)} is torchvision's {@code RandomCrop(size, padding=p)}: the image is padded
 * with p zero pixels on every side and cropped back to its size at a random place, which moves it
 * by up to p pixels each way. {@link #shift(int)} moves it the same way but repeats the edge pixels
 * instead of adding zeros (Keras' {@code fill_mode="nearest"}), for images whose border is not black.
 * {@link #flip()} mirrors left and right with probability ½ (torchvision's {@code RandomHorizontalFlip}).
 * Each works on whole rows with {@code System.arraycopy}, so an epoch of Fashion-MNIST is cropped and
 * flipped in well under a second.
 */
public final class Augment {
    private Augment() {}

    /**
     * Random crop with zero padding: moves the image by a random whole number of pixels from -padding
     * to +padding, across and down, filling the uncovered border with zeros.
     *
     * @param padding the largest move in pixels, at least 1; 2 to 4 for 28 × 28 or 32 × 32 images
     * @return the augmentation
     */
    public static Augmentation crop(int padding) {
        requireMove("crop", padding);
        return new Translate("crop(" + padding + ")", padding, false);
    }

    /**
     * Random shift with the edge repeated: moves the image by up to maxPixels across and down, filling
     * the uncovered border with the nearest edge pixel.
     *
     * @param maxPixels the largest move in pixels, at least 1
     * @return the augmentation
     */
    public static Augmentation shift(int maxPixels) {
        requireMove("shift", maxPixels);
        return new Translate("shift(" + maxPixels + ")", maxPixels, true);
    }

    /** @return a horizontal flip (left ↔ right) of half the images, chosen at random */
    public static Augmentation flip() {
        return new Flip();
    }

    /**
     * Several augmentations applied one after the other.
     *
     * @param steps in order
     * @return the chain (the single step itself when there is one)
     */
    public static Augmentation of(Augmentation... steps) {
        if (steps == null || steps.length == 0 || Arrays.stream(steps).anyMatch(s -> s == null)) {
            throw new IllegalArgumentException("Augment.of(…): give one or more augmentations, none of them null, e.g."
                    + " Augment.of(Augment.crop(4), Augment.flip())");
        }
        Augmentation out = steps[0];
        for (int i = 1; i < steps.length; i++) {
            out = chain(out, steps[i]);
        }
        return out;
    }

    static Augmentation chain(Augmentation first, Augmentation next) {
        if (next == null) {
            throw new IllegalArgumentException("then(null): give the augmentation to apply next, e.g. Augment.flip()");
        }
        List<Augmentation> steps = new ArrayList<>();
        for (Augmentation a : List.of(first, next)) {
            if (a instanceof Chain c) {
                steps.addAll(c.steps);
            } else {
                steps.add(a);
            }
        }
        return new Chain(List.copyOf(steps));
    }

    private static void requireMove(String method, int pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException(method + "(" + pixels + "): the largest move must be at least 1 pixel;"
                    + " 2 to 4 suit 28 × 28 and 32 × 32 images");
        }
    }

    /** A move by (dx, dy) drawn from [-max, max]², with zeros or the edge filling in. */
    private record Translate(String label, int max, boolean edge) implements Augmentation {
        @Override
        public void apply(float[] in, int inOffset, float[] out, int outOffset, int channels, int height, int width,
                SplittableRandom random) {
            int dx = random.nextInt(2 * max + 1) - max;
            int dy = random.nextInt(2 * max + 1) - max;
            // out(y, x) = in(y + dy, x + dx); columns x with 0 <= x + dx < width are copied in one piece
            int x0 = Math.max(0, -dx);
            int x1 = Math.min(width, width - dx);
            for (int c = 0; c < channels; c++) {
                int plane = c * height * width;
                for (int y = 0; y < height; y++) {
                    int sy = y + dy;
                    int dst = outOffset + plane + y * width;
                    if (!edge && (sy < 0 || sy >= height || x0 >= x1)) {
                        Arrays.fill(out, dst, dst + width, 0f);
                        continue;
                    }
                    int src = inOffset + plane + Math.min(height - 1, Math.max(0, sy)) * width;
                    if (x0 < x1) {
                        System.arraycopy(in, src + x0 + dx, out, dst + x0, x1 - x0);
                    }
                    float left = edge ? in[src] : 0f;
                    float right = edge ? in[src + width - 1] : 0f;
                    Arrays.fill(out, dst, dst + Math.min(x0, width), left);
                    Arrays.fill(out, dst + Math.max(x1, 0), dst + width, right);
                }
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Left ↔ right with probability ½. */
    private record Flip() implements Augmentation {
        @Override
        public void apply(float[] in, int inOffset, float[] out, int outOffset, int channels, int height, int width,
                SplittableRandom random) {
            int n = channels * height * width;
            if (!random.nextBoolean()) {
                if (in != out || inOffset != outOffset) {
                    System.arraycopy(in, inOffset, out, outOffset, n);
                }
                return;
            }
            for (int row = 0; row < channels * height; row++) {
                int src = inOffset + row * width;
                int dst = outOffset + row * width;
                for (int x = 0; x < width; x++) {
                    out[dst + x] = in[src + width - 1 - x];
                }
            }
        }

        @Override
        public String toString() {
            return "flip()";
        }
    }

    /** Steps in order, through one scratch image per thread. */
    private static final class Chain implements Augmentation {
        private final List<Augmentation> steps;
        private final ThreadLocal<float[][]> scratch = new ThreadLocal<>();

        Chain(List<Augmentation> steps) {
            this.steps = steps;
        }

        @Override
        public void apply(float[] in, int inOffset, float[] out, int outOffset, int channels, int height, int width,
                SplittableRandom random) {
            int n = channels * height * width;
            float[][] buffers = scratch.get();
            if (buffers == null || buffers[0].length < n) {
                buffers = new float[][] {new float[n], new float[n]};
                scratch.set(buffers);
            }
            float[] src = in;
            int srcOffset = inOffset;
            for (int i = 0; i < steps.size(); i++) {
                boolean last = i == steps.size() - 1;
                float[] dst = last ? out : buffers[i % 2];
                int dstOffset = last ? outOffset : 0;
                steps.get(i).apply(src, srcOffset, dst, dstOffset, channels, height, width, random);
                src = dst;
                srcOffset = dstOffset;
            }
        }

        @Override
        public String toString() {
            return steps.stream().map(String::valueOf).collect(Collectors.joining(", then "));
        }
    }
}
