package dev.layerwise.nn;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A net's summary table: for each layer its name and type, output shape, parameter count, whether
 * it trains, and its initializers; then the totals. A residual block's row counts all its
 * parameters and is followed by indented rows for the layers inside it, under the paths that
 * rates, freezing and statistics accept ({@code res_1.conv2d_1}). Renders as text and as an HTML
 * table.
 */
public final class NetSummary implements Displayable {
    private static final String[] HEADER = {"Layer (type)", "Output shape", "Params", "Trainable", "Init"};
    private final List<String[]> rows = new ArrayList<>();
    private final long total;
    private final long trainable;
    private final String title;

    NetSummary(Net net) {
        long sum = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            Map<String, ParamSpec> resolved = new LinkedHashMap<>();
            net.parametersOf(i).forEach(p -> resolved.put(p.name(), p));
            sum += addRows(net.layers().get(i), "", "", net.outputShapeOf(i), resolved);
        }
        this.total = sum;
        this.trainable = sum;
        this.title = "Net: input " + Shapes.format(net.inputShape()) + ", " + net.layers().size() + " layers";
    }

    /** Adds a layer's row, and a block's inner rows, indented; returns the layer's trainable count. */
    private long addRows(Layer l, String path, String indent, long[] out, Map<String, ParamSpec> resolved) {
        String name = path + l.name();
        List<ParamSpec> params = resolved.values().stream().filter(p -> p.name().startsWith(name + ".")).toList();
        long count = params.stream().filter(p -> p.role().trainable()).mapToLong(ParamSpec::size).sum();
        String settings = l.settings().isEmpty() ? "" : ", " + l.settings();
        rows.add(new String[] {indent + name + " (" + l.kind() + settings + ")", Shapes.format(out),
            String.format(Locale.ROOT, "%,d", count), count > 0 ? "yes" : "", l instanceof Residual ? "" : initText(params)});
        if (l instanceof Residual r) {
            innerRows(r.body(), name + ".", indent + "  ", resolved);
            if (r.shortcut().layers().isEmpty()) {
                rows.add(new String[] {indent + "  " + name + ".shortcut (identity)",
                    Shapes.format(r.shortcut().inputShape()), "0", "", ""});
            }
            innerRows(r.shortcut(), name + ".shortcut.", indent + "  ", resolved);
        }
        return count;
    }

    private void innerRows(Net inner, String path, String indent, Map<String, ParamSpec> resolved) {
        for (int j = 0; j < inner.layers().size(); j++) {
            addRows(inner.layers().get(j), path, indent, inner.outputShapeOf(j), resolved);
        }
    }

    private static String initText(List<ParamSpec> params) {
        String w = null;
        String b = null;
        for (ParamSpec p : params) {
            if (p.role() == ParamSpec.Role.WEIGHT) {
                w = String.valueOf(p.init());
            } else if (p.role() == ParamSpec.Role.BIAS) {
                b = String.valueOf(p.init());
            }
        }
        if (w == null) {
            return "";
        }
        return "W " + w + (b == null ? "" : ", b " + b);
    }

    /** @return the number of parameters */
    public long totalParams() {
        return total;
    }

    /** @return the number of trainable parameters */
    public long trainableParams() {
        return trainable;
    }

    /** @return one row per layer, each block followed by its layers' rows: name (type), output shape, params, trainable, init */
    public List<String[]> rows() {
        return rows.stream().map(String[]::clone).toList();
    }

    @Override
    public String toString() {
        int[] width = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            width[c] = HEADER[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        appendRow(sb, HEADER, width);
        int lineLength = sb.length() - title.length() - 2;
        sb.append("─".repeat(lineLength)).append('\n');
        for (String[] r : rows) {
            appendRow(sb, r, width);
        }
        sb.append("─".repeat(lineLength)).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d (trainable: %,d)", total, trainable));
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            boolean right = c == 2;
            String cell = cells[c];
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(right ? pad + cell : cell + pad);
            sb.append(c < cells.length - 1 ? "  " : "");
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<table class=\"layerwise-summary\"><caption>")
                .append(escape(title)).append("</caption><thead><tr>");
        for (String h : HEADER) {
            html.append("<th>").append(escape(h)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (String[] r : rows) {
            html.append("<tr>");
            // HTML drops leading spaces, so a block's inner rows are indented with padding instead
            int indent = r[0].length() - r[0].stripLeading().length();
            html.append(indent == 0 ? "<td>" : "<td style=\"padding-left:" + indent / 2 + "em\">")
                    .append(escape(r[0].stripLeading())).append("</td>");
            for (int c = 1; c < r.length; c++) {
                html.append(c == 2 ? "<td style=\"text-align:right\">" : "<td>").append(escape(r[c])).append("</td>");
            }
            html.append("</tr>");
        }
        html.append(String.format(Locale.ROOT,
                "</tbody><tfoot><tr><td colspan=\"5\">Total params: %,d (trainable: %,d)</td></tr></tfoot></table>",
                total, trainable));
        return MimeBundle.text(toString()).withHtml(html.toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
