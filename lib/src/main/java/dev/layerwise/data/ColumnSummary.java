package dev.layerwise.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One column of a {@link CsvTable} in numbers: its kind, how many values are present and missing,
 * the range and mean of a numeric column, the categories of a categorical one; what the table's
 * rendering shows per column, and what decides how the column is encoded.
 *
 * @param name the column's name
 * @param kind whether it is read as numbers or as categories
 * @param present how many rows have a value
 * @param missing how many rows have none (empty or a missing-value word)
 * @param min the smallest number (numeric columns; NaN otherwise)
 * @param mean the mean of the numbers (numeric columns; NaN otherwise)
 * @param max the largest number (numeric columns; NaN otherwise)
 * @param categories the distinct values in sorted order (numbers by value), with their counts;
 *     empty for numeric columns
 * @param words values that are not numbers in a column of mostly numbers (a likely typo); 0 normally
 * @param firstWord the first such value, or null
 * @param firstWordLine its line in the file, or 0
 * @param firstMissingLine the line of the first missing value, or 0
 */
public record ColumnSummary(String name, Kind kind, int present, int missing, double min, double mean, double max,
        Map<String, Integer> categories, int words, String firstWord, long firstWordLine, long firstMissingLine) {

    /** How a column's values are read. */
    public enum Kind {
        /** Numbers: one feature each. */
        NUMBER,
        /** Words (or declared categorical): one-hot encoded, one feature per category. */
        CATEGORY
    }

    /**
     * Reads column {@code c} of the raw rows; a column is numeric when all its values are numbers,
     * categorical when at least half are words (or when forced), and numeric with stray words when
     * only a few are (an error when the column is used).
     */
    static ColumnSummary of(CsvReading.Raw raw, int c, boolean forceCategory, CsvFormat format) {
        int numbers = 0;
        int words = 0;
        int missing = 0;
        String firstWord = null;
        long firstWordLine = 0;
        long firstMissingLine = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int r = 0; r < raw.rows().size(); r++) {
            String v = raw.rows().get(r)[c];
            if (format.isMissing(v)) {
                missing++;
                if (firstMissingLine == 0) {
                    firstMissingLine = raw.lines()[r];
                }
                continue;
            }
            counts.merge(v, 1, Integer::sum);
            if (Numbers.isNumber(v)) {
                numbers++;
                double d = Numbers.parse(v);
                min = Math.min(min, d);
                max = Math.max(max, d);
                sum += d;
            } else {
                words++;
                if (firstWord == null) {
                    firstWord = v;
                    firstWordLine = raw.lines()[r];
                }
            }
        }
        String name = raw.names().get(c);
        boolean category = forceCategory || (words > 0 && words >= numbers);
        if (category) {
            return new ColumnSummary(name, Kind.CATEGORY, numbers + words, missing, Double.NaN, Double.NaN, Double.NaN,
                    sorted(counts), 0, null, 0, firstMissingLine);
        }
        double mean = numbers == 0 ? Double.NaN : sum / numbers;
        return new ColumnSummary(name, Kind.NUMBER, numbers + words, missing, numbers == 0 ? Double.NaN : min, mean,
                numbers == 0 ? Double.NaN : max, Map.of(), words, firstWord, firstWordLine, firstMissingLine);
    }

    /** Categories in order: numerically when all are numbers, else alphabetically. */
    static Map<String, Integer> sorted(Map<String, Integer> counts) {
        boolean allNumbers = counts.keySet().stream().allMatch(Numbers::isNumber);
        Comparator<String> order = allNumbers ? Comparator.comparingDouble(Numbers::parse) : Comparator.naturalOrder();
        Map<String, Integer> out = new TreeMap<>(order.thenComparing(Comparator.naturalOrder()));
        out.putAll(counts);
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(out));
    }

    /** @return the categories in encoding order (the one-hot features' order) */
    public List<String> categoryNames() {
        return new ArrayList<>(categories.keySet());
    }

    /** One line for tables: range and mean, or the categories with their counts. */
    String describe() {
        if (kind == Kind.CATEGORY) {
            StringBuilder s = new StringBuilder(categories.size() + (categories.size() == 1 ? " category: "
                    : " categories: "));
            int shown = 0;
            for (Map.Entry<String, Integer> e : categories.entrySet()) {
                if (shown++ == 6) {
                    s.append(", …");
                    break;
                }
                s.append(shown > 1 ? ", " : "").append(e.getKey()).append(" (").append(e.getValue()).append(')');
            }
            return s.toString();
        }
        if (present == words) {
            return "no numbers";
        }
        String range = String.format(java.util.Locale.ROOT, "%.4g … %.4g, mean %.4g", min, max, mean);
        return words == 0 ? range : range + "; " + words + " not a number (first '" + firstWord + "', line "
                + firstWordLine + ")";
    }
}
