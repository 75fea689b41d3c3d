package dev.layerwise.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tab completion: JShell's suggestions for the snippet at the cursor (members of live variables
 * included, since JShell knows their types), and magic names on a {@code %} line.
 */
public final class Completer {
    private final Evaluator evaluator;
    private final Supplier<? extends Collection<String>> magicNames;

    /**
     * A completion answer in UTF-16 indices of the cell.
     *
     * @param matches replacements for the text between start and end
     * @param start where the replaced text starts
     * @param end where it ends (the cursor)
     */
    public record Completion(List<String> matches, int start, int end) {}

    /**
     * @param evaluator the session
     * @param magicNames the line magics' names without {@code %}, for completion on a {@code %} line;
     *     a supplier, so the evaluator need not know the magics themselves
     */
    public Completer(Evaluator evaluator, Supplier<? extends Collection<String>> magicNames) {
        this.evaluator = evaluator;
        this.magicNames = magicNames;
    }

    /**
     * @param code the cell
     * @param cursor the cursor as a UTF-16 index
     * @return the matches
     */
    public Completion complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor);
        if (line.stripLeading().startsWith("%")) {
            int pct = lineStart + line.indexOf('%');
            String typed = code.substring(pct, cursor);
            List<String> names = new ArrayList<>();
            for (String name : magicNames.get()) {
                if (("%" + name).startsWith(typed) || ("%%time".startsWith(typed) && name.equals("time"))) {
                    names.add("%" + name);
                }
            }
            if ("%%time".startsWith(typed) && typed.startsWith("%%")) {
                names = List.of("%%time");
            }
            return new Completion(names, pct, cursor);
        }
        evaluator.lock().lock();
        try {
            SourceCodeAnalysis analysis = evaluator.analysis();
            CurrentSnippet snippet = CurrentSnippet.at(analysis, code, cursor);
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> suggestions =
                    analysis.completionSuggestions(snippet.text(), snippet.text().length(), anchor);
            Set<String> matches = new LinkedHashSet<>();
            suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
            suggestions.forEach(s -> matches.add(s.continuation()));
            return new Completion(new ArrayList<>(matches), snippet.offset() + anchor[0], cursor);
        } finally {
            evaluator.lock().unlock();
        }
    }
}
