package dev.layerwise.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a CSV file is laid out: delimiter, header line, lines to skip and the words that mean a
 * missing value; give one to {@link Datasets#csv(java.nio.file.Path, CsvFormat)} when the defaults
 * do not fit, e.g. {@code CsvFormat.standard().delimiter(';')}.
 *
 * <p>The default ({@link #standard()}) reads comma-separated values with RFC 4180 quoting, trims
 * spaces around fields, skips blank lines, and detects the header: the first line is taken as column
 * names unless every field in it is a number (or missing), as in a headerless file of numbers. A
 * headerless file's columns are named {@code c0}, {@code c1}, …. Missing values are empty fields and
 * the words {@code NA}, {@code N/A}, {@code n/a}, {@code NaN}, {@code nan}, {@code null}, {@code NULL},
 * {@code None} and {@code ?} (pandas' common ones plus the UCI repository's {@code ?}).
 *
 * <p>{@link #sklearn()} reads the files scikit-learn ships ({@code iris.csv}, {@code wine_data.csv},
 * {@code breast_cancer.csv}): their first line is not a header but the sample count, the feature
 * count and the class names ({@code 150,4,setosa,versicolor,virginica}); the rows hold the features
 * and then the class id. Such a table's columns are {@code c0 … c(n-1)} and {@code target}, and
 * {@code label("target")} names the classes from that line.
 */
public final class CsvFormat {
    /** The words read as a missing value by default (an empty field is always missing). */
    public static final List<String> DEFAULT_MISSING = List.of("NA", "N/A", "n/a", "NaN", "nan", "null", "NULL",
            "None", "?");

    /** Whether the first line holds column names. */
    enum Header { DETECT, PRESENT, ABSENT, SKLEARN }

    private final char delimiter;
    private final Header header;
    private final int skipLines;
    private final List<String> missing;

    private CsvFormat(char delimiter, Header header, int skipLines, List<String> missing) {
        this.delimiter = delimiter;
        this.header = header;
        this.skipLines = skipLines;
        this.missing = missing;
    }

    /** @return comma-separated values, header detected, the default missing-value words */
    public static CsvFormat standard() {
        return new CsvFormat(',', Header.DETECT, 0, DEFAULT_MISSING);
    }

    /**
     * scikit-learn's layout: a first line of sample count, feature count and class names, then rows of
     * features followed by the class id; the sample count is checked against the rows read.
     *
     * @return the format
     */
    public static CsvFormat sklearn() {
        return new CsvFormat(',', Header.SKLEARN, 0, DEFAULT_MISSING);
    }

    /**
     * The character between fields, e.g. {@code ';'} or {@code '\t'}.
     *
     * @param c any character but a quote, a line break or a space
     * @return a new format
     */
    public CsvFormat delimiter(char c) {
        if (c == '"' || c == '\n' || c == '\r' || c == ' ') {
            throw new IllegalArgumentException("delimiter('" + (c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.valueOf(c))
                    + "'): a delimiter cannot be a quote, a line break or a space (spaces around fields are"
                    + " trimmed); use ',', ';', '\\t' or '|'");
        }
        return new CsvFormat(c, header, skipLines, missing);
    }

    /**
     * Whether the first line (after {@link #skipLines(int)}) holds column names; overrides the
     * detection, e.g. for a headerless file whose first row is all text.
     *
     * @param present true for a header line, false for data from the first line on
     * @return a new format
     */
    public CsvFormat header(boolean present) {
        if (header == Header.SKLEARN) {
            throw new IllegalStateException("header(" + present + "): the sklearn() format has its own first line"
                    + " (sample count, feature count, class names); use CsvFormat.standard().header(" + present + ")");
        }
        return new CsvFormat(delimiter, present ? Header.PRESENT : Header.ABSENT, skipLines, missing);
    }

    /**
     * Lines to skip at the start of the file, before the header: titles, comments, or a line such as
     * scikit-learn's {@code 506,13,,,} above a real header.
     *
     * @param n 0 or more
     * @return a new format
     */
    public CsvFormat skipLines(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("skipLines(" + n + "): the number of lines to skip must be 0 or more");
        }
        return new CsvFormat(delimiter, header, n, missing);
    }

    /**
     * The words that mean a missing value, replacing the defaults (an empty field is always missing).
     *
     * @param words e.g. {@code "NA", "-"}
     * @return a new format
     */
    public CsvFormat missing(String... words) {
        if (words == null || Arrays.stream(words).anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("missing(…): give the words that mean a missing value, none of them"
                    + " null, e.g. missing(\"NA\", \"?\")");
        }
        return new CsvFormat(delimiter, header, skipLines, List.of(words));
    }

    char delimiterChar() {
        return delimiter;
    }

    Header headerMode() {
        return header;
    }

    int linesToSkip() {
        return skipLines;
    }

    /** Whether a field (already trimmed) means a missing value. */
    boolean isMissing(String field) {
        return field.isEmpty() || missing.contains(field);
    }

    @Override
    public String toString() {
        String d = delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
        return "CsvFormat(delimiter '" + d + "', header " + header.name().toLowerCase(java.util.Locale.ROOT)
                + (skipLines > 0 ? ", skip " + skipLines + " lines" : "") + ", missing " + missing + ")";
    }
}
