/**
 * JShell in the kernel's JVM: evaluating snippets and keeping their values, the session's
 * variables, completeness, completion (names in string arguments and magic arguments included) and
 * inspection (the library's javadoc from its sources jar), error reports that name cell lines, the
 * execution thread and its output streams and standard input, output limits, stopping a cell, and
 * guarding the kernel against cells that exit or fill the heap. It knows the syntax of a magic line
 * (to skip it) but not the magics, and nothing of the Jupyter protocol: output goes to a sink and
 * belongs to an opaque parent; input comes from a line source the cell's handler gives it.
 */
package dev.layerwise.kernel.eval;
