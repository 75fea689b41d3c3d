/**
 * Gradient, weight and activation statistics as plain numbers: the log a learner's recorder
 * fills, histograms, speed of learning, comparisons and CSV, and the chart recipes that draw
 * them ({@code GradientCharts}).
 */
package dev.layerwise.stats;
