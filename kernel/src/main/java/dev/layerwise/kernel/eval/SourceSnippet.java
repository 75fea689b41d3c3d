package dev.layerwise.kernel.eval;

/**
 * One JShell snippet cut from a cell, with where it starts in the cell's text.
 *
 * @param source the snippet as JShell should see it (a missing final semicolon may be added)
 * @param offset the index in the cell text where the snippet's text starts
 * @param endsWithSemicolon whether the user wrote a semicolon after it (which hides its value)
 */
public record SourceSnippet(String source, int offset, boolean endsWithSemicolon) {}
