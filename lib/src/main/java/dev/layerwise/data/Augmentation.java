package dev.layerwise.data;

import java.util.SplittableRandom;

/**
 * One random change to a training image, drawn anew for every example in every epoch: a crop, a
 * flip, a shift, or your own. Give a data set its augmentation with
 * {@link Dataset#augment(Augmentation...)}; {@link Augment} has the usual ones, and
 * {@link #then(Augmentation)} chains them.
 *
 * <p>An implementation reads one image of shape {@code [channels, height, width]}, stored row-major
 * from {@code in[inOffset]}, and writes the changed image, of the same shape, from
 * {@code out[outOffset]}; it must draw every random choice from {@code random}, which is seeded from
 * the data set's seed, the epoch and the example, so that runs repeat exactly. It must not keep
 * references to the arrays, and it may be called from several threads at once.
 */
@FunctionalInterface
public interface Augmentation {
    /**
     * Writes a randomly changed copy of one image.
     *
     * @param in the source images
     * @param inOffset where this image starts in {@code in}
     * @param out where the result goes
     * @param outOffset where the result starts in {@code out}
     * @param channels the image's channels
     * @param height its height in pixels
     * @param width its width in pixels
     * @param random this example's random numbers for this epoch
     */
    void apply(float[] in, int inOffset, float[] out, int outOffset, int channels, int height, int width,
            SplittableRandom random);

    /**
     * This augmentation, then another, on each image: e.g. {@code Augment.crop(4).then(Augment.flip())}.
     *
     * @param next the augmentation applied to this one's result
     * @return the chain
     */
    default Augmentation then(Augmentation next) {
        return Augment.chain(this, next);
    }
}
