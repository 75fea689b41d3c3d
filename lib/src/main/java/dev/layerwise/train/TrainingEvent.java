package dev.layerwise.train;

/**
 * Something that changed how training goes, at a step: an optimizer switch, a frozen layer, new
 * layer rates. Charts mark these on their step axis.
 *
 * @param step the step after which it took effect (0 = before any training)
 * @param label what happened, e.g. {@code optimizer → adam(lr=0.001, …)}
 */
public record TrainingEvent(long step, String label) {}
