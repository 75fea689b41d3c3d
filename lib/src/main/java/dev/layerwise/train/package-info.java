/**
 * Training: the {@code Learner} facade that keeps a net's weights and optimizer state across
 * cells, the short {@code TrainingLoop}, the {@code Event}s and {@code Callback}s everything else is
 * made of (history, metrics, validation, the non-finite-loss guard, progress, live chart, gradient
 * recorder; early stopping, reduce-on-plateau and the best-epoch snapshot on request), the
 * {@code History} and its charts, the learning-rate range test, prediction, and the
 * {@code Evaluation} with the views that explain it (confusion matrix, classification report,
 * top-k accuracy, the most confidently wrong examples).
 */
package dev.layerwise.train;
