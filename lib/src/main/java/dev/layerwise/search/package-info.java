/**
 * Hyperparameter search (random and Bayesian with a Gaussian process and expected improvement),
 * median stopping, and the dropout and batch-size sweeps, each trial a learner; results render
 * as tables and charts.
 */
package dev.layerwise.search;
