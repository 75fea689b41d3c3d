package dev.layerwise.pretrain;

import dev.layerwise.nn.Activation;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;

import java.util.Arrays;

/**
 * A stack of dense hidden layers with stable names — {@code hidden_1}, {@code act_1}, … and
 * {@code output} — so that weights trained in one stage can be carried by name into the next.
 *
 * @param input the per-example input shape (flat)
 * @param hidden the widths of the hidden layers, bottom first
 * @param activation the nonlinearity after each hidden layer
 * @param weights the weight initializer
 * @param biases the bias initializer
 */
public record Architecture(long input, int[] hidden, Activation.Function activation, Init weights, Init biases) {
    /** Checks the settings. */
    public Architecture {
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden" + Arrays.toString(hidden) + ": give at least one hidden layer,"
                    + " each with at least 1 unit, e.g. hidden(30, 30, 30).");
        }
        hidden = hidden.clone();
    }

    /** @return the number of hidden layers */
    public int depth() {
        return hidden.length;
    }

    /**
     * The name of a hidden layer.
     *
     * @param level from 1
     * @return e.g. {@code hidden_2}
     */
    public static String hiddenName(int level) {
        return "hidden_" + level;
    }

    /**
     * The first {@code levels} hidden layers, each with its activation.
     *
     * @param levels how many hidden layers, from 0
     * @return the net without an output layer
     */
    public Net encoder(int levels) {
        Net net = Net.input(input).init(weights).biasInit(biases);
        for (int i = 1; i <= levels; i++) {
            net = net.dense(hidden[i - 1]).named(hiddenName(i)).add(activationLayer()).named("act_" + i);
        }
        return net;
    }

    /**
     * The first {@code levels} hidden layers under a fresh output layer.
     *
     * @param levels how many hidden layers
     * @param outputs the output units (classes)
     * @return the classifier
     */
    public Net classifier(int levels, int outputs) {
        return encoder(levels).dense(outputs).named("output");
    }

    /**
     * An autoencoder that trains hidden layer {@code level} to reconstruct the codes of the layer below.
     *
     * @param level the hidden layer, from 1
     * @return the net: {@code hidden_k}, {@code act_k}, {@code decoder_k}
     */
    public Net autoencoder(int level) {
        return autoencoder(level, 0, false, false);
    }

    /**
     * An autoencoder for hidden layer {@code level}, in any of the historical forms.
     *
     * @param level the hidden layer, from 1
     * @param noise the fraction of inputs zeroed at each training step (a masking layer first), or 0
     * @param sigmoidDecoder whether the reconstruction ends in a sigmoid (for cross-entropy)
     * @param tied whether the decoder uses the encoder's weights, transposed
     * @return the net, whose encoder is named {@code hidden_k}
     */
    Net autoencoder(int level, double noise, boolean sigmoidDecoder, boolean tied) {
        long width = inputWidth(level);
        Net net = Net.input(width).init(weights).biasInit(biases);
        if (noise > 0) {
            net = net.add(new MaskingNoise(null, noise)).named("noise_" + level);
        }
        if (tied) {
            net = net.add(new TiedAutoencoder(hiddenName(level), hidden[level - 1], activationLayer()));
        } else {
            net = net.dense(hidden[level - 1]).named(hiddenName(level)).add(activationLayer()).named("act_" + level)
                    .dense((int) width).named("decoder_" + level);
        }
        return sigmoidDecoder ? net.sigmoid().named("reconstruction_" + level) : net;
    }

    /**
     * Hidden layer {@code level} alone, to turn the codes of the layer below into its own.
     *
     * @param level the hidden layer, from 1
     * @return the net: {@code hidden_k}, {@code act_k}
     */
    Net encoderLayer(int level) {
        return Net.input(inputWidth(level)).init(weights).biasInit(biases)
                .dense(hidden[level - 1]).named(hiddenName(level)).add(activationLayer()).named("act_" + level);
    }

    /** @return the width of the codes hidden layer {@code level} reads */
    long inputWidth(int level) {
        return level == 1 ? input : hidden[level - 2];
    }

    private Activation activationLayer() {
        return new Activation(null, activation, activation == Activation.Function.ELU ? 1.0 : 0.01);
    }

    @Override
    public String toString() {
        return input + "-" + String.join("-", Arrays.stream(hidden).mapToObj(Integer::toString).toList()) + " "
                + activation.builderName();
    }
}
