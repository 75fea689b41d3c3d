/**
 * Writing files so that a reader never sees half of one: {@link dev.layerwise.files.AtomicFiles}
 * writes beside the target and renames over it. Charts, logs, histories and checkpoints save
 * through it; it knows nothing of what they hold.
 */
package dev.layerwise.files;
