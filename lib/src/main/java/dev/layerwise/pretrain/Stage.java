package dev.layerwise.pretrain;

import dev.layerwise.train.Evaluation;
import dev.layerwise.train.History;

import java.util.Map;

/**
 * One stage of layer-wise training.
 *
 * @param name what the stage did, e.g. {@code grow to 2 hidden layers} or {@code autoencoder 1}
 * @param trained the layers that learned in it
 * @param history its training history
 * @param result its evaluation: test accuracy for classifier stages, reconstruction loss for autoencoders
 * @param examplesSeen training examples it processed
 * @param weights every parameter's values after the stage, by full name
 */
public record Stage(String name, String trained, History history, Evaluation result, long examplesSeen,
        Map<String, float[]> weights) {}
