package dev.layerwise.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;

import java.util.List;

/**
 * Shift-Tab help: the signature and javadoc of what the cursor is on, whether the cursor sits
 * inside a name, at its end, or after the opening parenthesis of a call.
 */
public final class Inspector {
    private static final int MAX_ENTRIES = 6;
    private final Evaluator evaluator;

    /** @param evaluator the session */
    public Inspector(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * @param code the cell
     * @param cursor UTF-16 index of the cursor
     * @return the help text, or null when nothing is known there
     */
    public String inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        evaluator.lock().lock();
        try {
            SourceCodeAnalysis analysis = evaluator.analysis();
            CurrentSnippet snippet = CurrentSnippet.at(analysis, code, end);
            String text = snippet.text();
            boolean afterName = !text.isEmpty() && Character.isJavaIdentifierPart(text.charAt(text.length() - 1));
            String found = afterName ? describe(analysis.documentation(text + "(", text.length() + 1, true)) : null;
            if (found == null) {
                found = describe(analysis.documentation(text, text.length(), true));
            }
            if (found == null && afterName) {
                found = describe(analysis.documentation(text, text.length() - 1, true));
            }
            return found;
        } finally {
            evaluator.lock().unlock();
        }
    }

    private static String describe(List<SourceCodeAnalysis.Documentation> docs) {
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (n++ == MAX_ENTRIES) {
                sb.append("... and ").append(docs.size() - MAX_ENTRIES).append(" more\n");
                break;
            }
            sb.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                sb.append('\n').append(d.javadoc().strip()).append("\n\n");
            }
        }
        return sb.toString().strip();
    }
}
