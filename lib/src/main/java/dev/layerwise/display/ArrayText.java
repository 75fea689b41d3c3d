package dev.layerwise.display;

import java.lang.reflect.Array;

/**
 * The text of an array as JShell writes a cell's array value, {@code int[3] { 1, 2, 3 }}, so that
 * showing an array gives its elements instead of {@code [I@1b6d3586}. Long arrays stop after
 * {@value #MAX_CHARS} characters with a count of the rest.
 */
final class ArrayText {
    static final int MAX_CHARS = 10_000;

    private ArrayText() {}

    static String of(Object array) {
        StringBuilder sb = new StringBuilder();
        append(sb, array);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object array) {
        Class<?> element = array.getClass();
        int dims = 0;
        while (element.isArray()) {
            element = element.getComponentType();
            dims++;
        }
        int n = Array.getLength(array);
        sb.append(element.getSimpleName()).append('[').append(n).append(']').append("[]".repeat(dims - 1)).append(" { ");
        for (int i = 0; i < n; i++) {
            if (sb.length() >= MAX_CHARS) {
                sb.append("… ").append(n - i).append(" more");
                break;
            }
            Object e = Array.get(array, i);
            if (e != null && e.getClass().isArray()) {
                append(sb, e);
            } else if (e instanceof CharSequence) {
                sb.append('"').append(e).append('"');
            } else if (e instanceof Character) {
                sb.append('\'').append(e).append('\'');
            } else {
                sb.append(e);
            }
            sb.append(i < n - 1 ? ", " : "");
        }
        sb.append(" }");
    }
}
