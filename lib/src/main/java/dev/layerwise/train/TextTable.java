package dev.layerwise.train;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table of strings for the displays of evaluation results: aligned text (the first column
 * to the left, the others to the right, as numbers read) and an HTML table whose cells can be
 * styled one by one.
 */
final class TextTable {
    /** A cell's inline CSS, by row and column of the body; null or empty for none. */
    interface CellStyle {
        String of(int row, int column);
    }

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    TextTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("A row has " + cells.size() + " cells, the table " + headers.size()
                    + " columns " + headers + ".");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** An empty row: a gap in the text, a thin line in HTML. */
    TextTable gap() {
        rows.add(List.of());
        return this;
    }

    String text() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> r : rows) {
                widths[c] = r.isEmpty() ? widths[c] : Math.max(widths[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        for (List<String> r : rows) {
            if (r.isEmpty()) {
                sb.append('\n');
            } else {
                line(sb, r, widths);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String format = c == 0 ? "%-" + widths[c] + "s" : "  %" + widths[c] + "s";
            l.append(String.format(format, cells.get(c)));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    String html(String caption, CellStyle style) {
        StringBuilder sb = new StringBuilder("<table style=\"border-collapse:collapse;font-variant-numeric:tabular-nums\">");
        if (caption != null) {
            sb.append("<caption style=\"text-align:left;font-weight:bold\">").append(escape(caption)).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (int c = 0; c < headers.size(); c++) {
            sb.append("<th style=\"padding:2px 8px;text-align:").append(c == 0 ? "left" : "right").append("\">")
                    .append(escape(headers.get(c))).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            if (cells.isEmpty()) {
                sb.append("<tr><td colspan=\"").append(headers.size())
                        .append("\" style=\"border-top:1px solid #ccc;padding:0\"></td></tr>");
                continue;
            }
            sb.append("<tr>");
            for (int c = 0; c < cells.size(); c++) {
                String css = style == null ? null : style.of(r, c);
                sb.append(c == 0 ? "<th style=\"padding:2px 8px;text-align:left" : "<td style=\"padding:2px 8px;"
                        + "text-align:right").append(css == null || css.isEmpty() ? "" : ";" + css).append("\">")
                        .append(escape(cells.get(c))).append(c == 0 ? "</th>" : "</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
