/**
 * The kernel's own log, on the process's original standard error (the terminal that started
 * Jupyter, never a notebook). It sits below every other kernel package, so any of them may log
 * without depending on the wiring.
 */
package dev.layerwise.kernel.log;
