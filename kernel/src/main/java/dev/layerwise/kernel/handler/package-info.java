/**
 * One handler per Jupyter request type ({@code execute_request}, {@code complete_request},
 * {@code interrupt_request}, ...): each turns a verified request into calls on the evaluator,
 * the magics and the display sink, and their results into replies and IOPub messages. This is the
 * one package that knows both the protocol and JShell; it is kept out of {@code protocol} so that
 * the messaging layer stays below everything it serves.
 */
package dev.layerwise.kernel.handler;
