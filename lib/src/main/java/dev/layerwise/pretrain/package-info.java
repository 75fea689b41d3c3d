/**
 * Greedy layer-wise training: supervised growth, stacked denoising autoencoders, and their
 * comparison with joint training on the same budget, built from learners and their callbacks.
 */
package dev.layerwise.pretrain;
