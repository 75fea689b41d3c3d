/**
 * The plotting toolkit: {@code Chart} (PNG and SVG, saved atomically), panels, heat maps, markers
 * and text charts over XChart, and grids of captioned pictures. Charts are functions of data: this package knows nothing of statistics,
 * histories or training; the recipe that draws a type lives beside that type.
 */
package dev.layerwise.plot;
