/**
 * JShell in the kernel's JVM: evaluating snippets and keeping their values, completeness,
 * completion and inspection, error reports that name cell lines, the execution thread and its
 * output streams, output limits, stopping a cell, and guarding the kernel against cells that exit
 * or fill the heap. It knows the syntax of a magic line (to skip it) but not the magics, and
 * nothing of the Jupyter protocol: output goes to a sink and belongs to an opaque parent.
 */
package dev.layerwise.kernel.eval;
