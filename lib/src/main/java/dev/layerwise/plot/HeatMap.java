package dev.layerwise.plot;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A heat map panel of a matrix with named rows and columns, the first row at the top (as a table
 * reads), each cell labelled with its value where it fits; for confusion matrices and other tables
 * of counts.
 */
public final class HeatMap {
    /** From white (the smallest value) to a mid blue, light enough for black value labels on every cell. */
    private static final Color[] RANGE = {Color.WHITE, new Color(0xC6, 0xDB, 0xEF), new Color(0x6B, 0xAE, 0xD6)};

    static {
        Headless.ensure();
    }

    private HeatMap() {}

    /**
     * A heat map of {@code values[row][column]}.
     *
     * @param title the panel's title
     * @param rowTitle what the rows are, e.g. "true class"
     * @param rows the row names, top to bottom
     * @param columnTitle what the columns are, e.g. "predicted class"
     * @param columns the column names, left to right
     * @param values the cells, one array per row
     * @param valuePattern how each cell's value is written, a {@link java.text.DecimalFormat} pattern such as "0"
     * @return the panel
     */
    public static HeatMapChart panel(String title, String rowTitle, List<String> rows, String columnTitle,
            List<String> columns, double[][] values, String valuePattern) {
        if (values.length != rows.size()) {
            throw new IllegalArgumentException("HeatMap: " + values.length + " rows of values for " + rows.size()
                    + " row names " + rows + ".");
        }
        int longest = 0;
        for (String c : columns) {
            longest = Math.max(longest, c.length());
        }
        // about 520 pixels across, each cell between 12 and 72 pixels; values are written in cells that fit them
        int cell = Math.max(12, Math.min(72, 520 / Math.max(1, Math.max(columns.size(), rows.size()))));
        int width = 180 + cell * columns.size();
        int height = 130 + cell * rows.size() + 6 * Math.min(longest, 16);
        HeatMapChart c = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(columnTitle)
                .yAxisTitle(rowTitle).build();
        // XChart counts rows from the bottom: hand them over reversed so that the first is on top.
        List<String> bottomUp = new ArrayList<>(rows);
        Collections.reverse(bottomUp);
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (values[r].length != columns.size()) {
                throw new IllegalArgumentException("HeatMap: row " + r + " has " + values[r].length + " values for "
                        + columns.size() + " columns " + columns + ".");
            }
            for (int col = 0; col < columns.size(); col++) {
                cells.add(new Number[] {col, rows.size() - 1 - r, values[r][col]});
            }
        }
        c.addSeries(title, columns, bottomUp, cells);
        var s = c.getStyler();
        s.setRangeColors(RANGE);
        s.setShowValue(cell >= 28);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, cell >= 56 ? 12 : 10));
        s.setValueFontColor(Color.BLACK);
        s.setHeatMapValueDecimalPattern(valuePattern);
        s.setDrawBorder(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(false);
        s.setXAxisLabelRotation(columns.size() > 4 || longest > 8 ? 45 : 0);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        return c;
    }
}
