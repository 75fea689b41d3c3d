/**
 * Datasets as plain Java values: the IDX reader and Fashion-MNIST from its Debian package, CSV files
 * (through Apache Commons CSV), folders of images (through ImageIO), NumPy files, synthetic sets (two
 * moons, spirals, blobs); stratified splits, feature scaling fitted on the training examples,
 * augmentation drawn anew each epoch, subsets, batch size, shuffling seeds and each set's rendering
 * in a notebook, and chosen examples drawn as pictures. Examples are float arrays, copied once into
 * native memory that every learner on them shares ({@link dev.layerwise.data.NativeMirror}, begun when a
 * loader reads a set); only reading NumPy files starts the engine, whose DJL decoder reads them.
 */
package dev.layerwise.data;
