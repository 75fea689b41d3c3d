/**
 * Line magics, one per file, each mapped to a public Java call that its help names, and
 * {@link dev.layerwise.kernel.magic.Magics}, which runs a cell by peeling off its magic lines and
 * handing the Java between them to the evaluator. It builds on the evaluator only.
 */
package dev.layerwise.kernel.magic;
