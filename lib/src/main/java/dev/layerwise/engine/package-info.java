/**
 * The one gate to PyTorch: every call that only the PyTorch engine has (its JNI functions, the
 * {@code PtNDArray} casts, autograd's grad mode, fused in-place updates, libtorch's threads, seed
 * and folder) goes through {@link dev.layerwise.engine.Torch}, and every read of training numbers
 * back into Java through {@link dev.layerwise.engine.HostReads}, which counts them. No other
 * package of the library imports {@code ai.djl.pytorch}; they use DJL's general types
 * ({@code NDArray}, {@code Device}, {@code Shape}) and this small interface.
 */
package dev.layerwise.engine;
