package dev.layerwise.data;

import java.util.List;
import java.util.regex.Pattern;

/** Numbers in text files: what counts as one, and short lists for messages; package-private. */
final class Numbers {
    /** Decimal numbers with an optional sign, fraction and exponent: 3, -0.5, .5, 1e-3, +2.0E5. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Numbers() {}

    /** Whether a trimmed field is a decimal number (not hex, not Java's 1.5f, not Infinity). */
    static boolean isNumber(String field) {
        return NUMBER.matcher(field).matches();
    }

    /** The value of a field {@link #isNumber} accepted. */
    static double parse(String field) {
        return Double.parseDouble(field);
    }

    /** A non-negative whole number, or null. */
    static Integer parseCount(String field) {
        if (!field.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(field);
    }

    /** Whether a double holds a whole number that fits an int. */
    static boolean isWhole(double v) {
        return v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE;
    }

    /** Up to max names, comma-separated, and how many more. */
    static String list(List<String> names, int max) {
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + ", … (" + names.size() + " in all)";
    }
}
