package dev.layerwise.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tab completion: JShell's suggestions for the snippet at the cursor (members of live variables
 * included, since JShell knows their types); layer, parameter, callback and metric names inside
 * the string argument of a library call that takes them ({@link NameArguments}); and on a
 * {@code %} line, magic names, then each magic's fixed arguments ({@code %device g} → {@code gpu}),
 * or Java for the magics that take code ({@code %time}).
 */
public final class Completer {
    private final Evaluator evaluator;
    private final MagicCompletions magics;
    private final NameArguments names;

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
     * @param magics the magics' names and arguments, given by the layer that knows them
     */
    public Completer(Evaluator evaluator, MagicCompletions magics) {
        this.evaluator = evaluator;
        this.magics = magics;
        this.names = new NameArguments(evaluator::valueOf,
                () -> evaluator.variables().stream().map(Evaluator.Variable::value).toList());
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
            return completeMagic(code, lineStart + line.indexOf('%'), cursor);
        }
        evaluator.lock().lock();
        try {
            SourceCodeAnalysis analysis = evaluator.analysis();
            CurrentSnippet snippet = CurrentSnippet.at(analysis, code, cursor);
            Optional<Completion> named = names.complete(snippet.text(), snippet.offset());
            if (named.isPresent()) {
                return named.get();
            }
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

    /** A {@code %} line: the magic's name, or once a space follows it, one of its arguments. */
    private Completion completeMagic(String code, int pct, int cursor) {
        String typed = code.substring(pct, cursor);
        int space = indexOfWhitespace(typed);
        if (space < 0) {
            List<String> found = new ArrayList<>();
            for (String name : magics.names()) {
                if (("%" + name).startsWith(typed) || ("%%time".startsWith(typed) && name.equals("time"))) {
                    found.add("%" + name);
                }
            }
            if ("%%time".startsWith(typed) && typed.startsWith("%%")) {
                found = List.of("%%time");
            }
            return new Completion(found, pct, cursor);
        }
        String magic = typed.substring(1, space);
        int argsStart = pct + space + 1;
        if (magics.takesCode(magic)) {
            // the argument as Java, at the same offsets: everything before it blanked
            return complete(" ".repeat(argsStart) + code.substring(argsStart, cursor), cursor);
        }
        int wordStart = argsStart;
        for (int i = cursor; i > argsStart; i--) {
            if (Character.isWhitespace(code.charAt(i - 1))) {
                wordStart = i;
                break;
            }
        }
        String word = code.substring(wordStart, cursor);
        List<String> found = new ArrayList<>();
        for (String a : magics.arguments(magic)) {
            if (a.startsWith(word)) {
                found.add(a);
            }
        }
        return new Completion(found, wordStart, cursor);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
