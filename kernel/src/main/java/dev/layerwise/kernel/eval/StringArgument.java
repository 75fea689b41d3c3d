package dev.layerwise.kernel.eval;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where the cursor is when it sits inside a string literal passed straight to a call:
 * {@code learner.layerRate("de} is method {@code layerRate}, receiver {@code learner}, typed {@code de}.
 * Read from the source text alone, skipping other strings, characters and comments.
 *
 * @param method the called method's name
 * @param receiver the receiver when it is a plain name ({@code learner}, not {@code a.b} or {@code f()}), or null
 * @param typed the part of the string before the cursor
 */
record StringArgument(String method, String receiver, String typed) {

    /**
     * @param code source text ending at the cursor
     * @return the call, when the cursor is inside a string that is one of its arguments
     */
    static Optional<StringArgument> at(String code) {
        Deque<Integer> parens = new ArrayDeque<>();
        int stringStart = -1;
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"') {
                if (code.startsWith("\"\"\"", i)) {
                    return Optional.empty(); // a text block: no names there
                }
                int end = endOfLiteral(code, i, '"');
                if (end < 0) {
                    stringStart = i;
                    break;
                }
                i = end;
            } else if (c == '\'') {
                int end = endOfLiteral(code, i, '\'');
                if (end < 0) {
                    return Optional.empty();
                }
                i = end;
            } else if (code.startsWith("//", i)) {
                int nl = code.indexOf('\n', i);
                if (nl < 0) {
                    return Optional.empty();
                }
                i = nl + 1;
            } else if (code.startsWith("/*", i)) {
                int close = code.indexOf("*/", i + 2);
                if (close < 0) {
                    return Optional.empty();
                }
                i = close + 2;
            } else {
                if (c == '(') {
                    parens.push(i);
                } else if (c == ')' && !parens.isEmpty()) {
                    parens.pop();
                }
                i++;
            }
        }
        if (stringStart < 0 || parens.isEmpty()) {
            return Optional.empty();
        }
        String typed = code.substring(stringStart + 1);
        char before = lastNonBlank(code, stringStart);
        if (typed.indexOf('\\') >= 0 || (before != '(' && before != ',')) {
            return Optional.empty(); // an escape, or a string inside an expression ("a" + "b")
        }
        int open = parens.peek();
        int nameEnd = skipBlanksBack(code, open);
        int nameStart = identifierStart(code, nameEnd);
        if (nameStart == nameEnd) {
            return Optional.empty();
        }
        String method = code.substring(nameStart, nameEnd);
        String receiver = null;
        int dot = skipBlanksBack(code, nameStart);
        if (dot > 0 && code.charAt(dot - 1) == '.') {
            int recEnd = skipBlanksBack(code, dot - 1);
            int recStart = identifierStart(code, recEnd);
            int beforeReceiver = skipBlanksBack(code, recStart);
            boolean plain = recStart < recEnd && (beforeReceiver == 0 || code.charAt(beforeReceiver - 1) != '.');
            receiver = plain ? code.substring(recStart, recEnd) : null;
        }
        return Optional.of(new StringArgument(method, receiver, typed));
    }

    /** @return the index after the literal's closing quote, or -1 when it is still open */
    private static int endOfLiteral(String code, int open, char quote) {
        for (int i = open + 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return i; // an unclosed literal ends at the line; javac reports it
            }
        }
        return -1;
    }

    private static char lastNonBlank(String code, int end) {
        int i = skipBlanksBack(code, end);
        return i == 0 ? 0 : code.charAt(i - 1);
    }

    /** @return the index just after the last non-blank character before {@code end} */
    private static int skipBlanksBack(String code, int end) {
        int i = end;
        while (i > 0 && Character.isWhitespace(code.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int identifierStart(String code, int end) {
        int i = end;
        while (i > 0 && Character.isJavaIdentifierPart(code.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
