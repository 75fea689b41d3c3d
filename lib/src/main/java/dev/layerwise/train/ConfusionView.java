package dev.layerwise.train;

import dev.layerwise.plot.Chart;
import dev.layerwise.plot.HeatMap;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The text table, HTML table and heat map of a {@link ConfusionMatrix}. */
final class ConfusionView {
    /** Wider text tables label their columns by class id instead of name. */
    private static final int MAX_TEXT_WIDTH = 130;
    private static final String CORNER = "true \\ predicted";

    private ConfusionView() {}

    static String title(ConfusionMatrix m) {
        return String.format(Locale.ROOT, "Confusion matrix on %s, %,d examples (%,d right, %.2f%%): rows are the true"
                + " classes, columns the predicted ones", m.dataset(), m.total(), m.correct(),
                100.0 * m.correct() / Math.max(1, m.total()));
    }

    static String text(ConfusionMatrix m) {
        TextTable named = table(m, true);
        String text = named.text();
        if (text.lines().mapToInt(String::length).max().orElse(0) > MAX_TEXT_WIDTH) {
            text = table(m, false).text();
        }
        return title(m) + "\n" + text.stripTrailing();
    }

    /** Columns named by class, or by id with the rows saying which id is which class. */
    private static TextTable table(ConfusionMatrix m, boolean namedColumns) {
        List<String> names = m.classNames();
        List<String> headers = new ArrayList<>();
        headers.add(CORNER);
        for (int c = 0; c < names.size(); c++) {
            headers.add(namedColumns ? names.get(c) : Integer.toString(c));
        }
        TextTable t = new TextTable(headers);
        for (int r = 0; r < names.size(); r++) {
            List<String> cells = new ArrayList<>();
            cells.add(namedColumns ? names.get(r) : r + " " + names.get(r));
            for (int c = 0; c < names.size(); c++) {
                cells.add(Long.toString(m.count(r, c)));
            }
            t.row(cells);
        }
        return t;
    }

    static String html(ConfusionMatrix m) {
        double[][] fractions = m.rowFractions();
        String table = table(m, true).html(title(m), (r, c) -> {
            if (c == 0) {
                return "";
            }
            // shade by the fraction of the row, so a frequent mistake stands out in a large class as in a small one
            String shade = String.format(Locale.ROOT, "background:rgba(33,113,181,%.2f)", 0.7 * fractions[r][c - 1]);
            return r == c - 1 ? shade + ";font-weight:bold" : shade;
        });
        String png = Base64.getEncoder().encodeToString(chart(m).png());
        return "<div class=\"layerwise-confusion\">" + table + "<img alt=\"" + TextTable.escape(title(m))
                + "\" src=\"data:image/png;base64," + png + "\"/></div>";
    }

    static Chart chart(ConfusionMatrix m) {
        long[][] counts = m.counts();
        double[][] values = new double[counts.length][counts.length];
        for (int r = 0; r < counts.length; r++) {
            for (int c = 0; c < counts.length; c++) {
                values[r][c] = counts[r][c];
            }
        }
        return Chart.of(title(m), HeatMap.panel("Confusion matrix · " + m.dataset(), "true class", m.classNames(),
                "predicted class", m.classNames(), values, "0"));
    }
}
