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
            net = net.dense(hidden[i - 1]).named(hiddenName(i))
                    .add(new Activation(null, activation, activation == Activation.Function.ELU ? 1.0 : 0.01))
                    .named("act_" + i);
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
        long width = level == 1 ? input : hidden[level - 2];
        return Net.input(width).init(weights).biasInit(biases)
                .dense(hidden[level - 1]).named(hiddenName(level))
                .add(new Activation(null, activation, activation == Activation.Function.ELU ? 1.0 : 0.01))
                .named("act_" + level)
                .dense((int) width).named("decoder_" + level);
    }

    @Override
    public String toString() {
        return input + "-" + String.join("-", Arrays.stream(hidden).mapToObj(Integer::toString).toList()) + " "
                + activation.builderName();
    }
}
