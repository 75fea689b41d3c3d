package dev.layerwise.kernel.eval;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns JShell's compile diagnostics and exceptions into {@link ErrorReport}s whose traceback
 * names the cell line (not JShell's internal snippet numbers) and shows the offending source.
 */
final class ErrorFormatter {
    private static final String RED = "\u001b[0;31m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private final String cell;
    private final Map<String, Evaluator.SnippetOrigin> origins;

    /**
     * @param cell the full text of the cell, for line numbers and quoting
     * @param origins where earlier snippets came from, by JShell snippet id
     */
    ErrorFormatter(String cell, Map<String, Evaluator.SnippetOrigin> origins) {
        this.cell = cell;
        this.origins = origins;
    }

    /** 1-based line of {@code offset} in the cell. */
    int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, cell.length()); i++) {
            if (cell.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private String lineText(int line) {
        String[] lines = cell.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    private int columnOf(int offset) {
        int start = cell.lastIndexOf('\n', Math.max(0, Math.min(offset, cell.length()) - 1)) + 1;
        return offset - start;
    }

    ErrorReport compileError(JShell shell, Snippet snippet, SourceSnippet where) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diag d : errors) {
            int pos = d.getStartPosition() < 0 ? 0 : (int) d.getStartPosition();
            int offset = where.offset() + Math.min(pos, Math.max(0, where.source().length() - 1));
            int line = lineOf(offset);
            String message = d.getMessage(Locale.ROOT);
            if (first == null) {
                first = "cell line " + line + ": " + message.lines().findFirst().orElse(message);
            }
            tb.add(RED + BOLD + "Compile error" + RESET + " at cell line " + line + ": " + message);
            tb.add("    " + lineText(line));
            tb.add("    " + " ".repeat(Math.max(0, columnOf(offset))) + RED + "^" + RESET);
        }
        if (first == null) {
            first = "cell line " + lineOf(where.offset()) + ": JShell rejected this snippet (" + snippet.kind()
                    + ") without a diagnostic";
            tb.add(first);
        }
        return new ErrorReport("CompilationException", first, tb);
    }

    ErrorReport unresolved(JShell shell, UnresolvedReferenceException e, SourceSnippet where) {
        String names = shell.unresolvedDependencies(e.getSnippet()).collect(Collectors.joining(", "));
        String msg = "cell line " + lineOf(where.offset()) + ": " + e.getSnippet().kind().toString().toLowerCase(Locale.ROOT)
                + " cannot run until these are declared: " + names;
        return new ErrorReport("UnresolvedReferenceException", msg, List.of(RED + msg + RESET));
    }

    ErrorReport exception(EvalException e, SourceSnippet where) {
        List<String> tb = new ArrayList<>();
        String evalue = e.getMessage() == null ? "" : e.getMessage();
        appendThrowable(tb, e, "");
        return new ErrorReport(e.getExceptionClassName(), evalue, tb);
    }

    private void appendThrowable(List<String> tb, Throwable t, String prefix) {
        String name = t instanceof EvalException ? ((EvalException) t).getExceptionClassName() : t.getClass().getName();
        String msg = t.getMessage() == null ? "" : ": " + t.getMessage();
        tb.add(prefix + RED + BOLD + name + RESET + msg);
        int shown = 0;
        int repeats = 0;
        StackTraceElement previous = null;
        for (StackTraceElement el : t.getStackTrace()) {
            String cls = el.getClassName();
            if (cls.startsWith("dev.layerwise.kernel.") || cls.startsWith("jdk.internal.reflect.")
                    || cls.startsWith("java.lang.reflect.") || cls.startsWith("jdk.jshell.")
                    || cls.startsWith("java.lang.Thread")) {
                continue;
            }
            if (el.equals(previous)) {
                repeats++; // a recursion: one line says how deep instead of a thousand identical ones
                continue;
            }
            addRepeats(tb, repeats);
            repeats = 0;
            previous = el;
            tb.add("    at " + frame(el));
            if (++shown >= 20) {
                tb.add("    ...");
                break;
            }
        }
        addRepeats(tb, repeats);
        if (t.getCause() != null && t.getCause() != t) {
            appendThrowable(tb, t.getCause(), "Caused by: ");
        }
    }

    private static void addRepeats(List<String> tb, int repeats) {
        if (repeats > 0) {
            tb.add("    ... the frame above " + repeats + " more time" + (repeats == 1 ? "" : "s"));
        }
    }

    private String frame(StackTraceElement el) {
        String file = el.getFileName();
        if (file != null && file.startsWith("#")) {
            Evaluator.SnippetOrigin o = origins.get(file.substring(1));
            String method = el.getMethodName().equals("do_it$") ? "cell" : el.getMethodName();
            if (o != null && el.getLineNumber() > 0) {
                ErrorFormatter there = o.cell().equals(cell) ? this : new ErrorFormatter(o.cell(), origins);
                int line = there.lineOf(o.offset()) + el.getLineNumber() - 1;
                String where = o.cell().equals(cell) ? "cell line " + line : "cell #" + o.cellNumber() + " line " + line;
                return method + " (" + BOLD + where + RESET + ": " + there.lineText(line).strip() + ")";
            }
            return method + " (snippet " + file + " line " + el.getLineNumber() + ")";
        }
        return el.toString();
    }
}
