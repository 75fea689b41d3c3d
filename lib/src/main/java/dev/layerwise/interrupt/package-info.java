/**
 * The cooperative stop that the notebook's Stop button, thread interrupts and every long loop
 * share: {@link dev.layerwise.interrupt.Interrupts}. Training, search, sweeps and chart drawing
 * check it at safe points; it depends on nothing else in the library.
 */
package dev.layerwise.interrupt;
