/**
 * Runnable programs that use the library as a user would, such as the Fashion-MNIST MLP behind
 * {@code bin/layerwise example}. Nothing in the library depends on them.
 */
package dev.layerwise.examples;
