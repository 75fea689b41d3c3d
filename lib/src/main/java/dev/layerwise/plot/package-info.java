/**
 * The plotting toolkit: {@code Chart} (PNG and SVG, saved atomically), panels, markers and text
 * charts over XChart. Charts are functions of data: this package knows nothing of statistics,
 * histories or training; the recipe that draws a type lives beside that type.
 */
package dev.layerwise.plot;
