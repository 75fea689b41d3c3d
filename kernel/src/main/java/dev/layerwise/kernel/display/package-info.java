/**
 * The notebook's side of the library's display contract: {@code Display.show} and live handles
 * become {@code display_data} and {@code update_display_data} on IOPub, with display ids for
 * updates in place, parented to the cell the stream router says is running. It builds on the
 * protocol and the evaluator, and nothing below it knows it exists.
 */
package dev.layerwise.kernel.display;
