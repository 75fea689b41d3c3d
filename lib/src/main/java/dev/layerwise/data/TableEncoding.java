package dev.layerwise.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link CsvTable} into examples: fits a {@link Schema} on the table (kinds, categories, fills,
 * class ids) and encodes rows with it; package-private, behind {@link CsvTable#label} and friends.
 * Every check runs before anything is returned, so a bad file yields an error and no data set.
 */
final class TableEncoding {
    private TableEncoding() {}

    /** Encoded rows: features, and labels or targets as the schema says. */
    record Encoded(Schema schema, Examples examples, String name) {
        Dataset dataset() {
            Dataset d = Dataset.of(examples).named(name).withSchema(schema);
            return schema.labelColumn() == null ? d : d.withClassNames(schema.classNames().toArray(String[]::new));
        }
    }

    /** Fits a schema on the table and encodes it; outputs are the label column or the target columns. */
    static Encoded fit(CsvTable table, List<String> outputs, boolean label) {
        List<ColumnSummary> all = table.summaries();
        CsvReading.Raw raw = table.raw();
        List<Integer> featureIdx = new ArrayList<>();
        for (int c = 0; c < raw.names().size(); c++) {
            String n = raw.names().get(c);
            if (!table.isDropped(n) && !outputs.contains(n)) {
                featureIdx.add(c);
            }
        }
        if (featureIdx.isEmpty()) {
            throw new IllegalArgumentException(table.file().getFileName() + ": no feature columns are left besides "
                    + outputs + "; keep at least one column as a feature");
        }
        List<Integer> used = new ArrayList<>(featureIdx);
        outputs.forEach(o -> used.add(raw.names().indexOf(o)));
        boolean[] keep = keptRows(table, used);
        List<String> notes = new ArrayList<>();
        int kept = count(keep);
        if (kept < raw.rows().size()) {
            notes.add(Shapes.count(raw.rows().size() - kept) + " of " + Shapes.count(raw.rows().size())
                    + " rows dropped for missing values (dropMissing)");
        }
        List<String> missingReport = new ArrayList<>();
        List<Schema.Column> columns = new ArrayList<>();
        for (int c : featureIdx) {
            ColumnSummary s = all.get(c);
            requireNumbers(table.file(), s, "feature");
            int gaps = missingIn(raw, c, keep, table.format());
            if (gaps > 0 && table.missingPolicy() == CsvTable.Missing.REPORT) {
                missingReport.add(s.name() + " (" + gaps + ", first on line " + s.firstMissingLine() + ")");
            }
            boolean fills = table.missingPolicy() == CsvTable.Missing.FILL_MEAN
                    || table.missingPolicy() == CsvTable.Missing.FILL_VALUE;
            if (s.kind() == ColumnSummary.Kind.NUMBER) {
                if (s.present() == 0) {
                    throw new DataFileException(table.file(), 0, "column '" + s.name() + "' has no values at all;"
                            + " drop it with .drop(\"" + s.name() + "\")");
                }
                double fill = !fills ? Double.NaN
                        : table.missingPolicy() == CsvTable.Missing.FILL_MEAN ? s.mean() : table.fillValue();
                columns.add(new Schema.Column(s.name(), s.kind(), List.of(), fill));
                if (fills && gaps > 0) {
                    notes.add(String.format(Locale.ROOT, "%d missing value%s of %s filled with %.4g", gaps,
                            gaps == 1 ? "" : "s", s.name(), fill));
                }
            } else {
                List<String> cats = distinct(raw, c, keep, table.format());
                if (fills && gaps > 0) {
                    cats.add(Schema.MISSING_CATEGORY);
                    notes.add(gaps + " missing value" + (gaps == 1 ? "" : "s") + " of " + s.name() + " made a category "
                            + Schema.MISSING_CATEGORY);
                }
                columns.add(new Schema.Column(s.name(), s.kind(), List.copyOf(cats), fills ? 0 : Double.NaN));
            }
        }
        if (!missingReport.isEmpty()) {
            throw new DataFileException(table.file(), 0, "missing values in " + missingReport.size() + " feature column"
                    + (missingReport.size() == 1 ? "" : "s") + ": " + String.join(", ", missingReport) + ". Fill them"
                    + " with .fillMissing() (numbers: the column mean; words: a category " + Schema.MISSING_CATEGORY
                    + ") or .fillMissing(0), leave those rows out with .dropMissing(), or drop the column with"
                    + " .drop(\"name\")");
        }
        Schema.LabelMode mode = Schema.LabelMode.NONE;
        List<String> classes = List.of();
        String labelColumn = null;
        List<String> targets = List.of();
        if (label) {
            labelColumn = outputs.get(0);
            int c = raw.names().indexOf(labelColumn);
            ColumnSummary s = all.get(c);
            requireComplete(table, s, c, keep, "label");
            if (raw.sklearnClasses() != null && labelColumn.equals("target")) {
                mode = Schema.LabelMode.IDS;
                classes = raw.sklearnClasses();
            } else if (s.kind() == ColumnSummary.Kind.NUMBER) {
                requireNumbers(table.file(), s, "label");
                mode = Schema.LabelMode.NUMBERS;
                classes = wholeNumbers(table, c, keep);
            } else {
                mode = Schema.LabelMode.WORDS;
                classes = distinct(raw, c, keep, table.format());
            }
        } else if (!outputs.isEmpty()) {
            targets = outputs;
            for (String t : outputs) {
                int c = raw.names().indexOf(t);
                ColumnSummary s = all.get(c);
                if (s.kind() != ColumnSummary.Kind.NUMBER) {
                    throw new DataFileException(table.file(), 0, "target column '" + t + "' holds words ("
                            + s.describe() + "), but a regression target must be numbers; use label(\"" + t
                            + "\") to predict it as classes");
                }
                requireNumbers(table.file(), s, "target");
                requireComplete(table, s, c, keep, "target");
            }
        }
        Schema schema = new Schema(table.file(), columns, labelColumn, mode, classes, targets, notes);
        return new Encoded(schema, encode(schema, table, keep, name(table.file())), name(table.file()));
    }

    /** Encodes another table (a separate test file) exactly as the schema says. */
    static Examples apply(Schema schema, CsvTable table, String name) {
        List<String> needed = new ArrayList<>(schema.featureColumns());
        if (schema.labelColumn() != null) {
            needed.add(schema.labelColumn());
        }
        needed.addAll(schema.targetColumns());
        List<Integer> used = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String n : needed) {
            int i = table.raw().names().indexOf(n);
            if (i < 0) {
                absent.add(n);
            }
            used.add(i);
        }
        if (!absent.isEmpty()) {
            throw new DataFileException(table.file(), 0, "lacks the column" + (absent.size() == 1 ? " " : "s ")
                    + String.join(", ", absent) + " that " + schema.source().getFileName() + " has; its columns are "
                    + Numbers.list(table.raw().names(), 30) + ". Both files need the same columns");
        }
        return encode(schema, table, keptRows(table, used), name);
    }

    private static Examples encode(Schema schema, CsvTable table, boolean[] keep, String name) {
        CsvReading.Raw raw = table.raw();
        int rows = count(keep);
        if (rows == 0) {
            throw new DataFileException(table.file(), 0, "no rows are left after dropping those with missing values;"
                    + " fill them with .fillMissing() instead of .dropMissing()");
        }
        List<Schema.Column> columns = schema.columns();
        int[] at = new int[columns.size()];
        int width = 0;
        for (int k = 0; k < columns.size(); k++) {
            at[k] = raw.names().indexOf(columns.get(k).name());
            width += columns.get(k).width();
        }
        float[] x = new float[Math.multiplyExact(rows, width)];
        int r = 0;
        for (int i = 0; i < raw.rows().size(); i++) {
            if (!keep[i]) {
                continue;
            }
            String[] fields = raw.rows().get(i);
            int f = r * width;
            for (int k = 0; k < columns.size(); k++) {
                Schema.Column col = columns.get(k);
                String v = fields[at[k]];
                boolean gap = table.format().isMissing(v);
                if (gap && Double.isNaN(col.fill())) {
                    throw new DataFileException(table.file(), raw.lines()[i], "column '" + col.name() + "' has no value,"
                            + " and " + schema.source().getFileName() + " gave no fill for it; call .fillMissing() on"
                            + " the table of " + schema.source().getFileName() + ", or .dropMissing() on this one");
                }
                if (col.kind() == ColumnSummary.Kind.NUMBER) {
                    x[f] = gap ? (float) col.fill() : number(table, col.name(), v, raw.lines()[i], "feature");
                } else {
                    int hot = col.categories().indexOf(gap ? Schema.MISSING_CATEGORY : v);
                    if (hot >= 0) {
                        x[f + hot] = 1f; // an unseen category stays all zeros, as scikit-learn's handle_unknown='ignore'
                    }
                }
                f += col.width();
            }
            r++;
        }
        Examples features = Examples.wrap(name, x, new int[] {width}, null, 0);
        if (schema.labelColumn() != null) {
            int c = raw.names().indexOf(schema.labelColumn());
            return Examples.wrap(name, x, new int[] {width}, labels(schema, table, c, keep, rows),
                    schema.classNames().size());
        }
        if (!schema.targetColumns().isEmpty()) {
            List<String> t = schema.targetColumns();
            float[] y = new float[rows * t.size()];
            for (int k = 0; k < t.size(); k++) {
                int c = raw.names().indexOf(t.get(k));
                r = 0;
                for (int i = 0; i < raw.rows().size(); i++) {
                    if (keep[i]) {
                        String v = raw.rows().get(i)[c];
                        if (table.format().isMissing(v)) {
                            throw missingOutput(table, t.get(k), raw.lines()[i], "target");
                        }
                        y[r++ * t.size() + k] = number(table, t.get(k), v, raw.lines()[i], "target");
                    }
                }
            }
            return features.withTargets(y, t.size());
        }
        return features;
    }

    private static int[] labels(Schema schema, CsvTable table, int c, boolean[] keep, int rows) {
        CsvReading.Raw raw = table.raw();
        List<String> classes = schema.classNames();
        Map<Double, Integer> byValue = new TreeMap<>();
        if (schema.labelMode() == Schema.LabelMode.NUMBERS) {
            for (int k = 0; k < classes.size(); k++) {
                byValue.put(Numbers.parse(classes.get(k)), k);
            }
        }
        int[] y = new int[rows];
        int r = 0;
        for (int i = 0; i < raw.rows().size(); i++) {
            if (!keep[i]) {
                continue;
            }
            String v = raw.rows().get(i)[c];
            long line = raw.lines()[i];
            if (table.format().isMissing(v)) {
                throw missingOutput(table, schema.labelColumn(), line, "label");
            }
            Integer id = switch (schema.labelMode()) {
                case IDS -> Numbers.isNumber(v) && Numbers.isWhole(Numbers.parse(v)) ? (int) Numbers.parse(v) : null;
                case NUMBERS -> Numbers.isNumber(v) ? byValue.get(Numbers.parse(v)) : null;
                default -> classes.indexOf(v) >= 0 ? classes.indexOf(v) : null;
            };
            if (schema.labelMode() == Schema.LabelMode.IDS && (id == null || id < 0 || id >= classes.size())) {
                throw new DataFileException(table.file(), line, "label '" + v + "' is outside the " + classes.size()
                        + " classes the first line names (class ids 0 … " + (classes.size() - 1) + ": "
                        + Numbers.list(classes, 10) + "); fix the label, or the class names on the first line");
            }
            if (id == null) {
                throw new DataFileException(table.file(), line, "label '" + v + "' is not one of the "
                        + classes.size() + " classes of " + schema.source().getFileName() + " ("
                        + Numbers.list(classes, 10) + "); a test file can only hold classes the training file has");
            }
            y[r++] = id;
        }
        return y;
    }

    /** Rows to keep: all, or (dropMissing) those with a value in every used column. */
    private static boolean[] keptRows(CsvTable table, List<Integer> used) {
        CsvReading.Raw raw = table.raw();
        boolean[] keep = new boolean[raw.rows().size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = true;
            if (table.missingPolicy() == CsvTable.Missing.DROP_ROWS) {
                for (int c : used) {
                    if (table.format().isMissing(raw.rows().get(i)[c])) {
                        keep[i] = false;
                        break;
                    }
                }
            }
        }
        return keep;
    }

    private static void requireNumbers(Path file, ColumnSummary s, String role) {
        if (s.kind() == ColumnSummary.Kind.NUMBER && s.words() > 0) {
            throw new DataFileException(file, s.firstWordLine(), "'" + s.firstWord() + "' in " + role + " column '"
                    + s.name() + "' is not a number, but " + Shapes.count(s.present() - s.words()) + " other values"
                    + " there are (" + s.words() + " such value" + (s.words() == 1 ? "" : "s") + "); fix the value, leave"
                    + " it empty to mark it missing, or read the column as categories with .categorical(\""
                    + s.name() + "\")");
        }
    }

    private static void requireComplete(CsvTable table, ColumnSummary s, int c, boolean[] keep, String role) {
        if (missingIn(table.raw(), c, keep, table.format()) > 0) {
            throw missingOutput(table, s.name(), s.firstMissingLine(), role);
        }
    }

    private static DataFileException missingOutput(CsvTable table, String column, long line, String role) {
        return new DataFileException(table.file(), line, "the " + role + " column '" + column + "' has no value; a "
                + role + " is never filled in, so leave such rows out with .dropMissing()");
    }

    private static float number(CsvTable table, String column, String v, long line, String role) {
        if (!Numbers.isNumber(v)) {
            throw new DataFileException(table.file(), line, "'" + v + "' in " + role + " column '" + column
                    + "' is not a number; fix the value, or leave it empty to mark it missing");
        }
        return (float) Numbers.parse(v);
    }

    private static List<String> wholeNumbers(CsvTable table, int c, boolean[] keep) {
        CsvReading.Raw raw = table.raw();
        TreeMap<Double, String> values = new TreeMap<>();
        for (int i = 0; i < keep.length; i++) {
            String v = raw.rows().get(i)[c];
            if (keep[i] && !table.format().isMissing(v)) {
                double d = Numbers.parse(v);
                if (!Numbers.isWhole(d)) {
                    throw new DataFileException(table.file(), raw.lines()[i], "label column '" + raw.names().get(c)
                            + "' holds " + v + ", not a whole number, so it is no class id; for regression use"
                            + " target(\"" + raw.names().get(c) + "\")");
                }
                values.putIfAbsent(d, v);
            }
        }
        return new ArrayList<>(values.values());
    }

    /** Distinct values of a column among kept rows, in category order. */
    private static List<String> distinct(CsvReading.Raw raw, int c, boolean[] keep, CsvFormat format) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < keep.length; i++) {
            String v = raw.rows().get(i)[c];
            if (keep[i] && !format.isMissing(v)) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        return new ArrayList<>(ColumnSummary.sorted(counts).keySet());
    }

    private static int missingIn(CsvReading.Raw raw, int c, boolean[] keep, CsvFormat format) {
        int n = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] && format.isMissing(raw.rows().get(i)[c])) {
                n++;
            }
        }
        return n;
    }

    private static int count(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        return n;
    }

    private static String name(Path file) {
        String n = file.getFileName().toString();
        for (String ext : new String[] {".gz", ".csv", ".tsv", ".txt"}) {
            if (n.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }
}
