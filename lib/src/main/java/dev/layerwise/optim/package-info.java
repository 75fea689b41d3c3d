/**
 * Optimizers as values (SGD, momentum, Nesterov, RMSprop, Adagrad, Adadelta, Adam, AdamW) with
 * weight decay (and the parameters it skips) and clipping of each gradient value or of all
 * gradients by their global norm; their per-parameter state, schedules usable wherever a rate or
 * momentum goes, and per-layer rate rules. The state lives in the learner, keyed by parameter
 * name, and rules that keep the same state share it across a switch; fused in-place updates go
 * through the engine gate.
 */
package dev.layerwise.optim;
