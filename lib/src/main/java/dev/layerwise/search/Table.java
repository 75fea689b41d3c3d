package dev.layerwise.search;

import java.util.ArrayList;
import java.util.List;

/** A small table of strings rendered as aligned text and as an HTML table, for results' displays. */
final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Boolean> highlighted = new ArrayList<>();

    Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    Table row(List<String> cells, boolean highlight) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("A row has " + cells.size() + " cells, the table " + headers.size()
                    + " columns " + headers + ".");
        }
        rows.add(List.copyOf(cells));
        highlighted.add(highlight);
        return this;
    }

    String text() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths, false);
        for (int i = 0; i < rows.size(); i++) {
            line(sb, rows.get(i), widths, highlighted.get(i));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths, boolean mark) {
        sb.append(mark ? "* " : "  ");
        for (int c = 0; c < cells.size(); c++) {
            sb.append(c == 0 ? "" : "  ").append(String.format("%" + widths[c] + "s", cells.get(c)));
        }
        sb.append('\n');
    }

    String html() {
        StringBuilder sb = new StringBuilder("<table><thead><tr>");
        headers.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr></thead><tbody>");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(highlighted.get(i) ? "<tr style=\"font-weight:bold\">" : "<tr>");
            rows.get(i).forEach(cell -> sb.append("<td>").append(escape(cell)).append("</td>"));
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
