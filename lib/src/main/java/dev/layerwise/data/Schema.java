package dev.layerwise.data;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a table's columns became features, labels and targets: which columns are numbers, which are
 * one-hot encoded and in what category order, what fills a missing value, and which label value is
 * which class id. A data set read from a CSV file keeps its schema ({@link Dataset#schema()}), shows
 * it in its rendering, and encodes a separate test file the same way
 * ({@link Dataset#withTest(CsvTable)}).
 */
public final class Schema implements Displayable {
    /** The category a missing value becomes when missing values are filled. */
    public static final String MISSING_CATEGORY = "(missing)";

    /**
     * One feature column as encoded.
     *
     * @param name the column
     * @param kind numbers or categories
     * @param categories the one-hot order, empty for numbers
     * @param fill the number a missing value becomes (NaN: missing values are an error); for
     *     categories, any non-NaN value means "becomes {@link #MISSING_CATEGORY}"
     */
    record Column(String name, ColumnSummary.Kind kind, List<String> categories, double fill) {
        int width() {
            return kind == ColumnSummary.Kind.NUMBER ? 1 : categories.size();
        }
    }

    /** How the label column maps to class ids: by its values in order, or ids as written (sklearn). */
    enum LabelMode { NONE, NUMBERS, WORDS, IDS }

    private final Path source;
    private final List<Column> columns;
    private final String labelColumn;
    private final LabelMode labelMode;
    private final List<String> classes;
    private final List<String> targetColumns;
    private final List<String> notes;

    Schema(Path source, List<Column> columns, String labelColumn, LabelMode labelMode, List<String> classes,
            List<String> targetColumns, List<String> notes) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.labelColumn = labelColumn;
        this.labelMode = labelMode;
        this.classes = List.copyOf(classes);
        this.targetColumns = List.copyOf(targetColumns);
        this.notes = List.copyOf(notes);
    }

    /** @return the file the schema was read from */
    public Path source() {
        return source;
    }

    /** @return one name per feature, in feature order: a numeric column's name, or {@code column=category} */
    public List<String> featureNames() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            if (c.kind() == ColumnSummary.Kind.NUMBER) {
                out.add(c.name());
            } else {
                c.categories().forEach(v -> out.add(c.name() + "=" + v));
            }
        }
        return out;
    }

    /** @return the source columns that became features, in order */
    public List<String> featureColumns() {
        return columns.stream().map(Column::name).toList();
    }

    /**
     * The one-hot order of a categorical column.
     *
     * @param column a categorical feature column
     * @return its categories; feature {@code column=categories.get(i)} is 1 for rows with that value
     */
    public List<String> categories(String column) {
        for (Column c : columns) {
            if (c.name().equals(column)) {
                if (c.kind() != ColumnSummary.Kind.CATEGORY) {
                    throw new IllegalArgumentException("categories(\"" + column + "\"): the column holds numbers,"
                            + " it is not one-hot encoded");
                }
                return c.categories();
            }
        }
        throw new IllegalArgumentException("categories(\"" + column + "\"): no feature column of that name; the"
                + " feature columns are " + Numbers.list(featureColumns(), 20));
    }

    /** @return the label column, or null when the set has targets or nothing to predict */
    public String labelColumn() {
        return labelColumn;
    }

    /** @return the label values in class-id order (class id i is the value {@code classNames().get(i)}) */
    public List<String> classNames() {
        return classes;
    }

    /** @return the regression target columns, empty for a classification set */
    public List<String> targetColumns() {
        return targetColumns;
    }

    /** @return what was done to the file on the way: dropped rows, filled values */
    public List<String> notes() {
        return notes;
    }

    List<Column> columns() {
        return columns;
    }

    LabelMode labelMode() {
        return labelMode;
    }

    /** Which features are one-hot indicators (left as 0/1 by feature scaling). */
    boolean[] oneHot() {
        boolean[] out = new boolean[featureNames().size()];
        int at = 0;
        for (Column c : columns) {
            boolean hot = c.kind() == ColumnSummary.Kind.CATEGORY;
            for (int k = 0; k < c.width(); k++) {
                out[at++] = hot;
            }
        }
        return out;
    }

    /** One line per column: {@code color → color=blue, color=red}. */
    List<String[]> encodingRows() {
        List<String[]> rows = new ArrayList<>();
        for (Column c : columns) {
            String encoded = c.kind() == ColumnSummary.Kind.NUMBER ? "1 number"
                    : "one-hot, " + c.categories().size() + ": " + Numbers.list(c.categories().stream()
                    .map(v -> v.contains(",") ? "\"" + v + "\"" : v).toList(), 8);
            String fill = Double.isNaN(c.fill()) ? "" : c.kind() == ColumnSummary.Kind.NUMBER
                    ? String.format(Locale.ROOT, "missing → %.4g", c.fill()) : "missing → " + MISSING_CATEGORY;
            rows.add(new String[] {c.name(), encoded, fill});
        }
        if (labelColumn != null) {
            StringBuilder s = new StringBuilder("label, " + classes.size() + " classes: ");
            for (int i = 0; i < classes.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(i).append(" = ").append(classes.get(i));
                if (i == 11 && classes.size() > 12) {
                    s.append(", …");
                    break;
                }
            }
            rows.add(new String[] {labelColumn, s.toString(), ""});
        }
        for (String t : targetColumns) {
            rows.add(new String[] {t, "regression target", ""});
        }
        return rows;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Schema of ").append(source.getFileName()).append(": ")
                .append(featureNames().size()).append(" features from ").append(columns.size()).append(" columns");
        List<String[]> rows = encodingRows();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            boolean output = i >= columns.size();
            if (!output && i >= 12 && columns.size() > 13) {
                if (i == 12) {
                    s.append("\n  … ").append(columns.size() - 12).append(" more columns");
                }
                continue;
            }
            s.append("\n  ").append(row[0]).append(": ").append(row[1]).append(row[2].isEmpty() ? "" : "; " + row[2]);
        }
        notes.forEach(n -> s.append("\n  note: ").append(n));
        return s.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString()).withHtml(TableView.schemaHtml(this));
    }
}
