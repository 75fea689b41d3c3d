package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * Batch normalization (Ioffe and Szegedy 2015): normalizes each feature (or channel) over the batch,
 * then scales by γ and shifts by β. At evaluation it uses running averages kept during training.
 *
 * @param name the layer's name
 * @param momentum weight of the newest batch in the running averages (PyTorch's convention)
 * @param epsilon added to the variance for stability
 */
public record BatchNorm(String name, double momentum, double epsilon) implements Layer {
    /** Checks the settings. */
    public BatchNorm {
        if (!(momentum > 0 && momentum <= 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("batchNorm(momentum=" + momentum + ", epsilon=" + epsilon
                    + "): expected 0 < momentum ≤ 1 and epsilon > 0; the defaults are 0.1 and 1e-5.");
        }
    }

    @Override
    public String kind() {
        return "BatchNorm";
    }

    @Override
    public BatchNorm named(String newName) {
        return new BatchNorm(newName, momentum, epsilon);
    }

    @Override
    public long[] outputShape(long[] in) {
        if (in.length != 1 && in.length != 3) {
            throw new ShapeMismatchException(name, in, "features [n] or an image [channels, height, width]",
                    "Place batchNorm after a dense or conv2d layer.");
        }
        return in.clone();
    }

    @Override
    public List<ParamSpec> params(long[] in) {
        outputShape(in);
        long[] c = {in[0]};
        return List.of(
                new ParamSpec("gamma", c, ParamSpec.Role.GAMMA, in[0], in[0], null),
                new ParamSpec("beta", c, ParamSpec.Role.BETA, in[0], in[0], null),
                new ParamSpec("runningMean", c, ParamSpec.Role.RUNNING_MEAN, in[0], in[0], null),
                new ParamSpec("runningVar", c, ParamSpec.Role.RUNNING_VAR, in[0], in[0], null));
    }

    @Override
    public String settings() {
        return "momentum " + momentum;
    }

    @Override
    public NDArray forward(NDArray x, LayerParams p, boolean training) {
        // axis -1 hands the arrays to torch.batch_norm as they are: channels on axis 1. DJL passes
        // 1 - momentum to torch, so convert from PyTorch's convention used here.
        return ai.djl.nn.norm.BatchNorm.batchNorm(x, p.get("runningMean"), p.get("runningVar"),
                p.get("gamma"), p.get("beta"), -1, (float) (1 - momentum), (float) epsilon, training)
                .singletonOrThrow();
    }
}
