/**
 * The network as an immutable specification: the {@code Net} builder, one layer spec per file
 * (dense, convolution, pooling, global average pooling, dropout, batch norm, activations, residual
 * blocks with their shortcuts), initializers, parameter specifications with stable names
 * ({@code dense_1.weight}, {@code res_2.conv2d_1.weight} inside a block) and the summary a net
 * renders as.
 */
package dev.layerwise.nn;
