package dev.layerwise.kernel.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a signature, as JShell's {@code SourceCodeAnalysis.Documentation} writes it, that
 * identify a declaration in a source file: {@code History Learner.fit(int epochs)} is member
 * {@code fit} of {@code Learner} taking an {@code int}. Classes appear under their simple name when
 * imported, else qualified; parameter types are compared as bare simple names.
 *
 * @param owner the class as written, e.g. {@code Learner} or {@code dev.layerwise.nn.Net}
 * @param member the member's name; {@code ""} for the class itself, {@code <init>} for a constructor
 * @param parameters the erased simple parameter types; null for classes and fields
 */
record JShellSignature(String owner, String member, List<String> parameters) {
    /**
     * @param signature e.g. {@code History Learner.fit(int epochs)}, {@code dev.layerwise.nn.Net},
     *     {@code String(char[] value)} (a constructor) or {@code int Foo.COUNT} (a field)
     * @return its parts, or null when it cannot be read
     */
    static JShellSignature parse(String signature) {
        String s = signature.strip();
        int open = s.indexOf('(');
        String head = open < 0 ? s : s.substring(0, open);
        List<String> tokens = topLevelTokens(head);
        if (tokens.isEmpty()) {
            return null;
        }
        String qualified = tokens.get(tokens.size() - 1).replaceAll("<.*", "");
        if (open < 0) {
            if (tokens.size() == 1) {
                return new JShellSignature(qualified, "", null); // a class
            }
            int dot = qualified.lastIndexOf('.');
            return dot < 0 ? null : new JShellSignature(qualified.substring(0, dot), qualified.substring(dot + 1), null);
        }
        int close = matching(s, open);
        if (close < 0) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (String p : splitTopLevel(s.substring(open + 1, close), ',')) {
            List<String> parts = topLevelTokens(p);
            if (!parts.isEmpty()) {
                // "type name" as JShell writes parameters; a lone token is a type without a name
                params.add(erase(parts.size() > 1 ? String.join(" ", parts.subList(0, parts.size() - 1)) : parts.get(0)));
            }
        }
        if (tokens.size() == 1) {
            return new JShellSignature(qualified, "<init>", params);
        }
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? null : new JShellSignature(qualified.substring(0, dot), qualified.substring(dot + 1), params);
    }

    /** A type as a bare simple name: no type arguments, package, annotations or varargs dots. */
    static String erase(String type) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (char c : type.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        String t = sb.toString().replace("...", "[]").replaceAll("@\\S+\\s*", "").replaceAll("\\s+", "");
        int dims = t.indexOf('[');
        String base = dims < 0 ? t : t.substring(0, dims);
        return base.substring(base.lastIndexOf('.') + 1) + (dims < 0 ? "" : t.substring(dims));
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Splits at {@code sep} outside angle brackets. */
    private static List<String> splitTopLevel(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == sep && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** Whitespace-separated tokens outside angle brackets ({@code Map<String, float[]>} is one token). */
    private static List<String> topLevelTokens(String s) {
        List<String> tokens = new ArrayList<>();
        for (String t : splitTopLevel(s.strip().replaceAll("\\s+", " "), ' ')) {
            if (!t.isBlank()) {
                tokens.add(t.strip());
            }
        }
        return tokens;
    }
}
