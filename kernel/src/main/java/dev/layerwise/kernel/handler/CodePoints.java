package dev.layerwise.kernel.handler;

/** Converts between the protocol's code-point cursor positions and Java's UTF-16 indices. */
final class CodePoints {
    private CodePoints() {}

    static int toIndex(String s, int codePoints) {
        int n = Math.max(0, Math.min(codePoints, s.codePointCount(0, s.length())));
        return s.offsetByCodePoints(0, n);
    }

    static int fromIndex(String s, int index) {
        return s.codePointCount(0, Math.max(0, Math.min(index, s.length())));
    }
}
