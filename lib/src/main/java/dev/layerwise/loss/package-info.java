/**
 * Losses as values: softmax cross-entropy, mean squared error, binary cross-entropy and
 * Nielsen's summed binary cross-entropy, each computing a batch's mean (or summed) loss from the
 * net's outputs and the batch targets, some fused with a final sigmoid for stability.
 */
package dev.layerwise.loss;
