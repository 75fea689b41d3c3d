package dev.layerwise.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import dev.layerwise.nn.Activation;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.LayerParams;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.nn.ShapeMismatchException;

import java.util.List;

/**
 * An autoencoder with tied weights as one layer: it encodes {@code h = f(x Wᵀ + b)} and decodes
 * {@code z = h W + c} with the same array W (Vincent et al. 2010), so the decoder has only its
 * bias c of its own. Its weight and bias carry the encoder's names ({@code hidden_k.weight},
 * {@code hidden_k.bias}), so they move into the stacked net as an untied encoder's would.
 * {@link AutoencoderPretraining#tiedWeights()} builds these; the output has the input's shape.
 *
 * @param name the layer's name, e.g. {@code hidden_1}
 * @param units the code width
 * @param activation the encoder's nonlinearity f
 */
public record TiedAutoencoder(String name, int units, Activation activation) implements Layer {
    /** Checks the settings. */
    public TiedAutoencoder {
        if (units < 1 || activation == null) {
            throw new IllegalArgumentException("TiedAutoencoder(" + units + ", " + activation + "): give at least 1"
                    + " code unit and an activation, e.g. new Activation(null, Activation.Function.SIGMOID, 0).");
        }
    }

    @Override
    public String kind() {
        return "TiedAutoencoder";
    }

    @Override
    public TiedAutoencoder named(String newName) {
        return new TiedAutoencoder(newName, units, activation);
    }

    @Override
    public long[] outputShape(long[] in) {
        if (in.length != 1) {
            throw new ShapeMismatchException(name, in, "a flat vector [features]", "Pretrain on flat data.");
        }
        return in.clone();
    }

    @Override
    public List<ParamSpec> params(long[] in) {
        long inputs = outputShape(in)[0];
        return List.of(
                new ParamSpec("weight", new long[] {units, inputs}, ParamSpec.Role.WEIGHT, inputs, units, null),
                new ParamSpec("bias", new long[] {units}, ParamSpec.Role.BIAS, inputs, units, null),
                new ParamSpec("decoderBias", new long[] {inputs}, ParamSpec.Role.BIAS, units, inputs, null));
    }

    @Override
    public String settings() {
        return units + " " + activation.function().builderName() + " codes, decoded with the same weights";
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        NDArray weight = params.get("weight");
        NDArray codes = activation.forward(Linear.linear(x, weight, params.get("bias")).singletonOrThrow(),
                LayerParams.NONE, training);
        return Linear.linear(codes, weight.transpose(), params.get("decoderBias")).singletonOrThrow();
    }
}
