package dev.layerwise.data;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A CSV file read into memory, before it becomes a data set: its columns, their kinds and missing
 * values, shown as a table of the first rows and one summary per column. Choose what to predict
 * with {@link #label(String)} (classes) or {@link #target(String...)} (regression), e.g.
 * {@code Datasets.csv(path).label("species").split(0.8).standardize()}.
 *
 * <p>Columns of numbers become one feature each; columns of words (or those named in
 * {@link #categorical(String...)}) are one-hot encoded, one feature per category in sorted order,
 * and the mapping is kept in the data set's {@link Schema}. Missing values are counted per column
 * and are an error when the data set is made, unless {@link #fillMissing()} or
 * {@link #dropMissing()} says what to do with them. Every method returns a new table; the file is
 * read once.
 */
public final class CsvTable implements Displayable {
    /** What happens to missing feature values. */
    enum Missing { REPORT, FILL_MEAN, FILL_VALUE, DROP_ROWS }

    private final CsvReading.Raw raw;
    private final CsvFormat format;
    private final Set<String> dropped;
    private final Set<String> categorical;
    private final Missing missing;
    private final double fillValue;
    private List<ColumnSummary> summaries;

    private CsvTable(CsvReading.Raw raw, CsvFormat format, Set<String> dropped, Set<String> categorical,
            Missing missing, double fillValue) {
        this.raw = raw;
        this.format = format;
        this.dropped = dropped;
        this.categorical = categorical;
        this.missing = missing;
        this.fillValue = fillValue;
    }

    /** Reads a file; for {@link Datasets#csv}. */
    static CsvTable read(Path file, CsvFormat format) {
        if (format == null) {
            throw new IllegalArgumentException("csv(" + file + ", null): give a format, e.g. CsvFormat.standard()"
                    + " or CsvFormat.sklearn()");
        }
        return new CsvTable(CsvReading.read(file, format), format, Set.of(), Set.of(), Missing.REPORT, Double.NaN);
    }

    private CsvTable with(Set<String> newDropped, Set<String> newCategorical, Missing newMissing, double newFill) {
        return new CsvTable(raw, format, newDropped, newCategorical, newMissing, newFill);
    }

    /** @return the file this table was read from */
    public Path file() {
        return raw.file();
    }

    /** @return the column names in file order, without dropped columns */
    public List<String> columns() {
        return raw.names().stream().filter(n -> !dropped.contains(n)).toList();
    }

    /** @return the number of data rows in the file (header and skipped lines not counted) */
    public int size() {
        return raw.rows().size();
    }

    /**
     * One column's summary: kind, missing values, range or categories.
     *
     * @param name a column name, as {@link #columns()} lists them
     * @return the summary
     */
    public ColumnSummary column(String name) {
        return summaries().get(index(name, "column"));
    }

    /** @return every kept column's summary, in file order */
    public List<ColumnSummary> summary() {
        List<ColumnSummary> out = new ArrayList<>();
        for (ColumnSummary s : summaries()) {
            if (!dropped.contains(s.name())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The table without some columns, e.g. an id or a free-text column.
     *
     * @param names columns to leave out
     * @return a new table
     */
    public CsvTable drop(String... names) {
        Set<String> d = new LinkedHashSet<>(dropped);
        for (String n : requireNames("drop", names)) {
            index(n, "drop");
            d.add(n);
        }
        return with(Set.copyOf(d), categorical, missing, fillValue);
    }

    /**
     * Reads columns of numbers as categories, one-hot encoded; for codes such as a zip code or a
     * class number used as a feature.
     *
     * @param names the columns
     * @return a new table
     */
    public CsvTable categorical(String... names) {
        Set<String> c = new LinkedHashSet<>(categorical);
        for (String n : requireNames("categorical", names)) {
            index(n, "categorical");
            c.add(n);
        }
        return with(dropped, Set.copyOf(c), missing, fillValue);
    }

    /**
     * Fills missing feature values: a numeric column's with its mean over the file's rows, a categorical
     * column's with a category of its own, {@code (missing)}. The means come from the whole file; for a
     * fill that knows nothing of the test rows use {@link #fillMissing(double)}. Missing labels and
     * targets are never filled (use {@link #dropMissing()}).
     *
     * @return a new table
     */
    public CsvTable fillMissing() {
        return with(dropped, categorical, Missing.FILL_MEAN, Double.NaN);
    }

    /**
     * Fills missing numbers with a constant, and missing categories with the category {@code (missing)}.
     *
     * @param value a finite number, e.g. 0
     * @return a new table
     */
    public CsvTable fillMissing(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("fillMissing(" + value + "): the fill value must be a finite number");
        }
        return with(dropped, categorical, Missing.FILL_VALUE, value);
    }

    /** @return a new table whose data sets leave out every row with a missing value in a used column */
    public CsvTable dropMissing() {
        return with(dropped, categorical, Missing.DROP_ROWS, Double.NaN);
    }

    /**
     * A classification set: this column's values are the classes, every other kept column a feature.
     * Words are classes in sorted order; whole numbers too, in numeric order (labels 1, 2, 3 become
     * class ids 0, 1, 2, named "1", "2", "3"); in {@link CsvFormat#sklearn()} files the values are the
     * class ids and the first line names them.
     *
     * @param column the label column's name
     * @return the data set (no test set yet: {@link Dataset#split(double)}, or
     *     {@link Dataset#withTest(CsvTable)} for a separate test file)
     */
    public Dataset label(String column) {
        return TableEncoding.fit(this, List.of(requireColumn("label", column)), true).dataset();
    }

    /**
     * A regression set: these numeric columns are the targets, every other kept column a feature.
     *
     * @param columns one or more target columns
     * @return the data set, with targets of shape {@code [columns.length]}
     */
    public Dataset target(String... columns) {
        List<String> names = new ArrayList<>();
        for (String c : requireNames("target", columns)) {
            names.add(requireColumn("target", c));
        }
        return TableEncoding.fit(this, names, false).dataset();
    }

    /** @return a set of features only (every kept column), e.g. for an autoencoder */
    public Dataset unlabeled() {
        return TableEncoding.fit(this, List.of(), false).dataset();
    }

    CsvReading.Raw raw() {
        return raw;
    }

    CsvFormat format() {
        return format;
    }

    Missing missingPolicy() {
        return missing;
    }

    double fillValue() {
        return fillValue;
    }

    boolean isDropped(String name) {
        return dropped.contains(name);
    }

    synchronized List<ColumnSummary> summaries() {
        if (summaries == null) {
            List<ColumnSummary> out = new ArrayList<>();
            for (int c = 0; c < raw.names().size(); c++) {
                out.add(ColumnSummary.of(raw, c, categorical.contains(raw.names().get(c)), format));
            }
            summaries = List.copyOf(out);
        }
        return summaries;
    }

    int index(String name, String method) {
        int i = raw.names().indexOf(name);
        if (i < 0 || dropped.contains(name)) {
            throw new IllegalArgumentException(method + "(\"" + name + "\"): " + file().getFileName() + " has no column"
                    + " named '" + name + "'" + (dropped.contains(name) ? " (it was dropped)" : "") + "; its columns are "
                    + Numbers.list(columns(), 30) + (raw.names().get(0).equals("c0") && format.headerMode()
                    != CsvFormat.Header.PRESENT ? " (the file has no header line, so columns are named c0, c1, …)" : ""));
        }
        return i;
    }

    private String requireColumn(String method, String name) {
        if (name == null) {
            throw new IllegalArgumentException(method + "(null): name a column; the columns are "
                    + Numbers.list(columns(), 30));
        }
        index(name, method);
        return name;
    }

    private static List<String> requireNames(String method, String[] names) {
        if (names == null || names.length == 0 || Arrays.stream(names).anyMatch(n -> n == null)) {
            throw new IllegalArgumentException(method + "(…): name at least one column, none of them null");
        }
        return List.of(names);
    }

    /** {@code CsvTable iris.csv: 150 rows × 5 columns (4 numeric, 1 categorical), 0 missing values}. */
    @Override
    public String toString() {
        List<ColumnSummary> s = summary();
        long numeric = s.stream().filter(c -> c.kind() == ColumnSummary.Kind.NUMBER).count();
        int gaps = s.stream().mapToInt(ColumnSummary::missing).sum();
        return String.format(Locale.ROOT, "CsvTable %s: %s rows × %d columns (%d numeric, %d categorical), %s missing"
                + " value%s", file().getFileName(), Shapes.count(size()), s.size(), numeric, s.size() - numeric,
                Shapes.count(gaps), gaps == 1 ? "" : "s") + (raw.sklearnClasses() == null ? ""
                : "; classes of 'target' from the first line: " + String.join(", ", raw.sklearnClasses()));
    }

    /** The summary line, the first rows and one line per column. */
    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString() + "\n" + TableView.columnsText(summary())).withHtml(TableView.tableHtml(this));
    }
}
