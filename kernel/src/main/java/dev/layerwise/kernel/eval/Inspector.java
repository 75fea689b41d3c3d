package dev.layerwise.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;

import java.util.List;

/**
 * Shift-Tab help: the signature and javadoc of what the cursor is on, whether the cursor sits
 * inside a name, at its end, or after the opening parenthesis of a call.
 *
 * <p>JShell supplies the JDK's javadoc when the JDK has its {@code src.zip}; the library's comes from
 * its sources jar ({@link SourceJavadoc}), and so does that of any jar with a {@code -sources.jar}
 * beside it.
 */
public final class Inspector {
    private static final int MAX_ENTRIES = 6;
    private final Evaluator evaluator;
    private SourceJavadoc sources;
    private List<String> sourcesFor = List.of();

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

    /** The sources beside the class path, found again when a cell has added to it. */
    private SourceJavadoc sources() {
        List<String> classPath = evaluator.classPath();
        if (sources == null || !classPath.equals(sourcesFor)) {
            if (sources != null) {
                sources.close();
            }
            sources = new SourceJavadoc(SourceJavadoc.besideClassPath(classPath));
            sourcesFor = classPath;
        }
        return sources;
    }

    private String describe(List<SourceCodeAnalysis.Documentation> docs) {
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
            String javadoc = d.javadoc() != null && !d.javadoc().isBlank() ? d.javadoc() : sources().find(d.signature());
            if (javadoc != null) {
                sb.append('\n').append(javadoc.strip()).append("\n\n");
            }
        }
        return sb.toString().strip();
    }
}
