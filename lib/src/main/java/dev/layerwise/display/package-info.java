/**
 * The display contract between the library and whatever shows its values: MIME bundles,
 * {@code Displayable}, live handles updated in place, and the text fallback for a terminal. The
 * kernel implements the sink; the library never imports Jupyter.
 */
package dev.layerwise.display;
