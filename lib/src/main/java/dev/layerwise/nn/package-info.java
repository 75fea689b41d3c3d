/**
 * The network as an immutable specification: the {@code Net} builder, one layer spec per file
 * (dense, convolution, pooling, dropout, batch norm, activations), initializers, parameter
 * specifications with stable names ({@code dense_1.weight}) and the summary a net renders as.
 */
package dev.layerwise.nn;
