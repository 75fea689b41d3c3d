/**
 * Weights that leave the library and come back: exchanged with PyTorch as safetensors and NumPy
 * {@code .npz} under the names of the equivalent {@code nn.Sequential} ({@code TorchWeights},
 * {@code TorchNames}).
 */
package dev.layerwise.io;
