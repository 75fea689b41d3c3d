package dev.layerwise.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts Java source into JShell snippets with {@link SourceCodeAnalysis#analyzeCompletion}.
 */
final class Snippets {
    private Snippets() {}

    /**
     * The result of cutting: the complete snippets, and the unfinished tail if there is one.
     *
     * @param complete snippets ready to evaluate, in order
     * @param incompleteTail source left over that is not yet a complete snippet, or null
     * @param tailOffset where the tail starts in the text, or -1
     * @param tailCompleteness JShell's verdict on the tail
     * @param invalid whether some snippet is not valid Java whatever follows (JShell's UNKNOWN)
     */
    record Split(List<SourceSnippet> complete, String incompleteTail, int tailOffset, Completeness tailCompleteness,
                 boolean invalid) {}

    /**
     * Cuts {@code code}, whose first character sits at {@code base} in the cell.
     *
     * @param analysis JShell's analysis
     * @param code the code
     * @param base its offset in the cell
     * @return the snippets
     */
    static Split split(SourceCodeAnalysis analysis, String code, int base) {
        List<SourceSnippet> out = new ArrayList<>();
        boolean invalid = false;
        int consumed = 0;
        while (consumed < code.length()) {
            String rest = code.substring(consumed);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete()) {
                int lead = firstCodeIndex(rest);
                return new Split(out, rest, base + consumed + lead, c, invalid);
            }
            invalid |= c == Completeness.UNKNOWN;
            String source = info.source();
            int used = rest.length() - info.remaining().length();
            String written = rest.substring(0, used);
            int start = locate(written, source);
            boolean semicolon = written.stripTrailing().endsWith(";");
            out.add(new SourceSnippet(source, base + consumed + start, semicolon));
            if (used <= 0) {
                break;
            }
            consumed += used;
        }
        return new Split(out, null, -1, Completeness.EMPTY, invalid);
    }

    private static int locate(String written, String source) {
        String probe = source.endsWith(";") ? source.substring(0, source.length() - 1) : source;
        probe = probe.strip();
        int at = probe.isEmpty() ? -1 : written.indexOf(probe.substring(0, Math.min(20, probe.length())));
        return at >= 0 ? at : firstCodeIndex(written);
    }

    private static int firstCodeIndex(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
