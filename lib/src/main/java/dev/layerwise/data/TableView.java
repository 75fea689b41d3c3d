package dev.layerwise.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders tabular data for notebooks: a CSV table's first rows and column summaries, a schema's
 * encodings, and a tabular data set's first rows and per-feature ranges; package-private, used by
 * {@link CsvTable}, {@link Schema} and {@link DatasetView}. Wide tables show their first columns
 * and say how many more there are.
 */
final class TableView {
    /** Rows shown of a table's head. */
    static final int HEAD_ROWS = 5;
    /** Columns shown before the rest are summarised as "… n more". */
    static final int MAX_COLUMNS = 12;
    private static final String CELL = "padding:1px 8px;text-align:right";

    private TableView() {}

    static String tableHtml(CsvTable t) {
        StringBuilder s = new StringBuilder("<div class=\"layerwise-table\">");
        s.append("<div style=\"font-weight:bold\">").append(escape(t.toString())).append("</div>");
        List<String> names = t.columns();
        List<Integer> idx = new ArrayList<>();
        names.forEach(n -> idx.add(t.raw().names().indexOf(n)));
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < Math.min(HEAD_ROWS, t.size()); r++) {
            String[] fields = t.raw().rows().get(r);
            String[] row = new String[idx.size() + 1];
            row[0] = "line " + t.raw().lines()[r];
            for (int k = 0; k < idx.size(); k++) {
                row[k + 1] = fields[idx.get(k)];
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(names);
        grid(s, "first rows", header, rows);
        List<String[]> summary = new ArrayList<>();
        for (ColumnSummary c : t.summary()) {
            summary.add(new String[] {c.name(), c.kind() == ColumnSummary.Kind.NUMBER ? "number" : "category",
                Shapes.count(c.present()), c.missing() == 0 ? "" : Shapes.count(c.missing()), c.describe()});
        }
        plain(s, "columns", List.of("column", "kind", "values", "missing", "summary"), summary, summary.size());
        return s.append("</div>").toString();
    }

    static String columnsText(List<ColumnSummary> columns) {
        StringBuilder s = new StringBuilder();
        for (ColumnSummary c : columns) {
            s.append("  ").append(c.name()).append(": ").append(c.kind() == ColumnSummary.Kind.NUMBER ? "number"
                    : "category").append(c.missing() > 0 ? ", " + c.missing() + " missing" : "").append(", ")
                    .append(c.describe()).append('\n');
        }
        return s.toString().stripTrailing();
    }

    static String schemaHtml(Schema schema) {
        StringBuilder s = new StringBuilder();
        List<String[]> rows = schema.encodingRows();
        int columns = schema.featureColumns().size();
        if (columns > MAX_COLUMNS + 1) {
            long numbers = schema.columns().subList(MAX_COLUMNS, columns).stream()
                    .filter(c -> c.kind() == ColumnSummary.Kind.NUMBER).count();
            List<String[]> shown = new ArrayList<>(rows.subList(0, MAX_COLUMNS));
            shown.add(new String[] {"… " + (columns - MAX_COLUMNS) + " more", numbers + " numbers, "
                + (columns - MAX_COLUMNS - numbers) + " one-hot", ""});
            shown.addAll(rows.subList(columns, rows.size()));
            rows = shown;
        }
        plain(s, "encoding of " + schema.source().getFileName() + " (" + schema.featureNames().size() + " features)",
                List.of("column", "becomes", "missing values"), rows, rows.size());
        for (String note : schema.notes()) {
            s.append("<div>note: ").append(escape(note)).append("</div>");
        }
        return s.toString();
    }

    /** A flat data set's first rows, with feature names and the label, and each feature's range. */
    static String datasetHtml(Dataset data) {
        Examples train = data.train();
        if (train.sampleShape().length != 1) {
            return "";
        }
        List<String> names = data.schema().map(Schema::featureNames).filter(n -> n.size() == train.sampleSize())
                .orElseGet(() -> generated(train.sampleSize()));
        int shown = Math.min(MAX_COLUMNS, names.size());
        List<String> header = new ArrayList<>(names.subList(0, shown));
        if (names.size() > shown) {
            header.add("… " + (names.size() - shown) + " more");
        }
        String output = train.hasLabels() ? data.schema().map(Schema::labelColumn).orElse("label")
                : train.hasTargets() ? "target" : null;
        if (output != null) {
            header.add(output);
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(HEAD_ROWS, train.size()); i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < shown; j++) {
                row.add(number(train.featureAt(i, j)));
            }
            if (names.size() > shown) {
                row.add("…");
            }
            if (train.hasLabels()) {
                row.add(data.classNames().get(train.labelAt(i)));
            } else if (train.hasTargets()) {
                float[] t = new float[train.targetSize()];
                train.copyTargets(new int[] {i}, t, 0);
                row.add(t.length == 1 ? number(t[0]) : t.length + " values");
            }
            rows.add(row.toArray(String[]::new));
        }
        StringBuilder s = new StringBuilder();
        grid(s, "first training rows" + (data.scaler().isPresent() ? " (scaled)" : ""), header, rows);
        List<String[]> ranges = new ArrayList<>();
        double[][] stats = featureStats(train, shown);
        for (int j = 0; j < shown; j++) {
            ranges.add(new String[] {names.get(j), number(stats[0][j]), number(stats[1][j]), number(stats[2][j])});
        }
        plain(s, "training features" + (names.size() > shown ? " (first " + shown + " of " + names.size() + ")" : ""),
                List.of("feature", "min", "mean", "max"), ranges, ranges.size());
        data.schema().ifPresent(schema -> s.append(schemaHtml(schema)));
        return s.toString();
    }

    private static double[][] featureStats(Examples ex, int features) {
        double[][] st = new double[3][features];
        java.util.Arrays.fill(st[0], Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(st[2], Double.NEGATIVE_INFINITY);
        for (int i = 0; i < ex.size(); i++) {
            for (int j = 0; j < features; j++) {
                double v = ex.featureAt(i, j);
                st[0][j] = Math.min(st[0][j], v);
                st[1][j] += v / ex.size();
                st[2][j] = Math.max(st[2][j], v);
            }
        }
        return st;
    }

    private static List<String> generated(int n) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            out.add("x" + j);
        }
        return out;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    /** A grid whose first header cell may be blank; at most MAX_COLUMNS + 2 columns wide by construction. */
    private static void grid(StringBuilder s, String caption, List<String> header, List<String[]> rows) {
        int width = Math.min(header.size(), MAX_COLUMNS + 3);
        s.append("<table style=\"border-collapse:collapse;margin-top:4px\"><caption style=\"text-align:left\">")
                .append(escape(caption)).append("</caption><tr>");
        for (int k = 0; k < width; k++) {
            s.append("<th style=\"").append(CELL).append("\">").append(escape(header.get(k))).append("</th>");
        }
        if (header.size() > width) {
            s.append("<th>… ").append(header.size() - width).append(" more</th>");
        }
        s.append("</tr>");
        for (String[] row : rows) {
            s.append("<tr>");
            for (int k = 0; k < Math.min(width, row.length); k++) {
                s.append("<td style=\"").append(CELL).append("\">").append(escape(row[k])).append("</td>");
            }
            s.append(header.size() > width ? "<td>…</td>" : "").append("</tr>");
        }
        s.append("</table>");
    }

    private static void plain(StringBuilder s, String caption, List<String> header, List<String[]> rows, int max) {
        s.append("<table style=\"border-collapse:collapse;margin-top:4px\"><caption style=\"text-align:left\">")
                .append(escape(caption)).append("</caption><tr>");
        header.forEach(h -> s.append("<th style=\"padding:1px 8px;text-align:left\">").append(escape(h)).append("</th>"));
        s.append("</tr>");
        for (String[] row : rows.subList(0, Math.min(max, rows.size()))) {
            s.append("<tr>");
            for (String cell : row) {
                s.append("<td style=\"padding:1px 8px;text-align:left\">").append(escape(cell)).append("</td>");
            }
            s.append("</tr>");
        }
        s.append("</table>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
