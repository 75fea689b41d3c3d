package dev.layerwise.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;

/**
 * Finds the snippet the cursor is in: completion and inspection work on one snippet, while a cell
 * holds many. Snippets before the cursor are skipped as long as more text follows them.
 *
 * @param text the current snippet's text, up to the cursor
 * @param offset where it starts in the cell
 */
record CurrentSnippet(String text, int offset) {
    static CurrentSnippet at(SourceCodeAnalysis analysis, String cell, int cursor) {
        String prefix = blankMagicLines(cell.substring(0, Math.min(cursor, cell.length())));
        int consumed = 0;
        while (consumed < prefix.length()) {
            String rest = prefix.substring(consumed);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                break;
            }
            int used = rest.length() - info.remaining().length();
            if (used <= 0) {
                break;
            }
            consumed += used;
        }
        return new CurrentSnippet(prefix.substring(consumed), consumed);
    }

    /** Replaces magic lines with spaces, keeping every offset. */
    static String blankMagicLines(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        int start = 0;
        while (start <= code.length()) {
            int nl = code.indexOf('\n', start);
            int end = nl < 0 ? code.length() : nl;
            String line = code.substring(start, end);
            sb.append(MagicLine.isMagicLine(line) || line.strip().startsWith("%%") ? " ".repeat(line.length()) : line);
            if (nl < 0) {
                break;
            }
            sb.append('\n');
            start = nl + 1;
        }
        return sb.toString();
    }
}
