/**
 * Datasets as plain Java values: the IDX reader and Fashion-MNIST from its Debian package,
 * synthetic sets (two moons, spirals, blobs), splits, subsets, batch size, shuffling seeds and
 * each set's rendering in a notebook. Knows nothing of the engine: examples are float arrays until
 * a learner copies them to its device.
 */
package dev.layerwise.data;
