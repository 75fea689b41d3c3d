/**
 * Optimizers as values (SGD, momentum, Nesterov, RMSprop, Adagrad, Adadelta, Adam, AdamW), their
 * per-parameter state, schedules usable wherever a rate or momentum goes, and per-layer rate
 * rules. The state lives in the learner, keyed by parameter name; fused in-place updates go
 * through the engine gate.
 */
package dev.layerwise.optim;
