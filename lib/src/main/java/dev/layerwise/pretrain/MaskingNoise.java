package dev.layerwise.pretrain;

import ai.djl.ndarray.NDArray;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.LayerParams;

/**
 * The corruption of a denoising autoencoder (Vincent et al. 2008): while training, each input
 * value is set to 0 with probability {@code fraction}, drawn anew at every step; unlike dropout,
 * the values kept are not rescaled. Does nothing at evaluation, so codes come from clean inputs.
 * {@link AutoencoderPretraining#noise(double)} puts one in front of every autoencoder; in a net of
 * your own: {@code Net.input(784).add(new MaskingNoise(null, 0.25))}.
 *
 * @param name the layer's name
 * @param fraction the probability of zeroing a value, in [0, 1)
 */
public record MaskingNoise(String name, double fraction) implements Layer {
    /** Checks the fraction. */
    public MaskingNoise {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("MaskingNoise(" + fraction + "): the fraction of values zeroed must be"
                    + " in [0, 1), e.g. 0.25.");
        }
    }

    @Override
    public String kind() {
        return "MaskingNoise";
    }

    @Override
    public MaskingNoise named(String newName) {
        return new MaskingNoise(newName, fraction);
    }

    @Override
    public long[] outputShape(long[] in) {
        return in.clone();
    }

    @Override
    public String settings() {
        return "zero " + fraction + " of the values";
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        if (!training || fraction == 0) {
            return x;
        }
        NDArray keep = x.getManager().randomUniform(0f, 1f, x.getShape(), x.getDataType(), x.getDevice())
                .gte(fraction).toType(x.getDataType(), false);
        return x.mul(keep);
    }
}
