/**
 * Process-wide settings a notebook reaches first: {@link dev.layerwise.runtime.Layerwise} loads the
 * PyTorch engine offline and announces it, and holds the thread count, the default seed and the
 * default device, checked through the device reports below it.
 */
package dev.layerwise.runtime;
