package dev.layerwise.kernel.eval;

import dev.layerwise.kernel.log.Phases;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.util.List;
import java.util.Map;

/**
 * One complete snippet of a cell through JShell, and JShell's events for it turned into the cell's
 * outcome: the first failure as an error report in cell lines, else the snippet's value when it shows
 * one. Records where each new snippet came from (for tracebacks) and the variables it declares (for
 * advice after a fault). Called by {@link Evaluator} under its lock.
 */
final class SnippetEvaluation {
    private SnippetEvaluation() {}

    /**
     * @param shell the session
     * @param s the snippet
     * @param origin the cell and cell number it belongs to, kept in {@code origins} under each new snippet's id
     * @param origins where every snippet so far came from
     * @param errors the cell's error formatter
     * @param declared receives the names of the variables it declares
     * @return the outcome: failed, a value, or nothing
     */
    static CellOutcome evaluate(JShell shell, SourceSnippet s, Evaluator.SnippetOrigin origin,
            Map<String, Evaluator.SnippetOrigin> origins, ErrorFormatter errors, List<String> declared) {
        ValueCapture.arm(null);
        Phases.mark("prepare");
        List<SnippetEvent> events = shell.eval(s.source());
        Phases.mark("jshell");
        CellOutcome outcome = CellOutcome.nothing();
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = e.snippet();
            origins.put(snippet.id(), origin);
            if (snippet instanceof VarSnippet && snippet.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                declared.add(((VarSnippet) snippet).name());
            }
            if (e.exception() instanceof UnresolvedReferenceException) {
                return CellOutcome.failed(errors.unresolved(shell, (UnresolvedReferenceException) e.exception(), s));
            }
            if (e.exception() instanceof EvalException) {
                return CellOutcome.failed(errors.exception((EvalException) e.exception(), s));
            }
            if (e.exception() != null) {
                return CellOutcome.failed(new ErrorReport(e.exception().getClass().getName(),
                        String.valueOf(e.exception().getMessage()), List.of(String.valueOf(e.exception()))));
            }
            if (e.status() == Snippet.Status.REJECTED) {
                return CellOutcome.failed(errors.compileError(shell, snippet, s));
            }
            if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = String.join(", ", (Iterable<String>) shell.unresolvedDependencies(
                        (jdk.jshell.DeclarationSnippet) snippet)::iterator);
                System.err.println("note: cell line " + errors.lineOf(s.offset()) + " declares something that cannot be"
                        + " used until these are declared: " + missing);
            }
            if (showsValue(snippet) && !s.endsWithSemicolon() && ValueCapture.hasValue()) {
                outcome = new CellOutcome(null, true, ValueCapture.lastValue(), e.value());
            }
            if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                // Every live declaration is imported into each new snippet's wrapper, so keeping
                // $1, $2, ... would make each evaluation slower than the last. The value object was
                // captured above; the notebook has no use for JShell's $N names.
                shell.drop(snippet);
                Phases.mark("drop");
            }
        }
        return outcome;
    }

    private static boolean showsValue(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || (snippet instanceof VarSnippet && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }
}
