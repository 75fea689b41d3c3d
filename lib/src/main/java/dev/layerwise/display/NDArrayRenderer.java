package dev.layerwise.display;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Locale;

/**
 * Renders DJL arrays with their values, which DJL's own {@code toString()} hides.
 *
 * <p>Small arrays (up to {@value #FULL_LIMIT} elements) show every value as text and, for up to
 * two dimensions, an HTML table; larger ones show shape, type, device, min/max/mean and the
 * corners of their first two dimensions.
 */
final class NDArrayRenderer {
    static final int FULL_LIMIT = 100;
    private static final int CORNER = 3;

    private NDArrayRenderer() {}

    static void register() {
        Display.register(NDArray.class, NDArrayRenderer::render);
    }

    static MimeBundle render(NDArray array) {
        if (array.isReleased()) {
            return MimeBundle.text("NDArray (closed)");
        }
        Shape shape = array.getShape();
        String header = String.format(Locale.ROOT, "NDArray %s %s on %s",
                shape, array.getDataType().toString().toLowerCase(Locale.ROOT), array.getDevice());
        if (!array.getDataType().isFloating() && !array.getDataType().isInteger() && array.getDataType() != DataType.BOOLEAN) {
            return MimeBundle.text(header);
        }
        double[] values = toDoubles(array);
        if (values.length <= FULL_LIMIT) {
            String text = header + "\n" + nested(values, shape, array.getDataType().isInteger());
            MimeBundle bundle = MimeBundle.text(text);
            return shape.dimension() <= 2 ? bundle.withHtml(table(header, values, shape, array)) : bundle;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        StringBuilder text = new StringBuilder(header);
        text.append(String.format(Locale.ROOT, "%nmin %.6g  max %.6g  mean %.6g", min, max, sum / values.length));
        text.append("\n").append(corners(values, shape, array.getDataType().isInteger()));
        return MimeBundle.text(text.toString());
    }

    private static double[] toDoubles(NDArray array) {
        try (NDArray asDouble = array.toType(DataType.FLOAT64, true)) {
            return asDouble.toDoubleArray();
        }
    }

    private static String format(double v, boolean integer) {
        return integer ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String nested(double[] values, Shape shape, boolean integer) {
        if (shape.dimension() == 0) {
            return format(values[0], integer);
        }
        StringBuilder sb = new StringBuilder();
        appendNested(sb, values, shape.getShape(), 0, 0, integer);
        return sb.toString();
    }

    private static int appendNested(StringBuilder sb, double[] values, long[] dims, int axis, int offset, boolean integer) {
        sb.append('[');
        for (long i = 0; i < dims[axis]; i++) {
            if (i > 0) {
                sb.append(axis == dims.length - 1 ? ", " : ",\n" + " ".repeat(axis + 1));
            }
            if (axis == dims.length - 1) {
                sb.append(format(values[offset++], integer));
            } else {
                offset = appendNested(sb, values, dims, axis + 1, offset, integer);
            }
        }
        sb.append(']');
        return offset;
    }

    private static String table(String header, double[] values, Shape shape, NDArray array) {
        boolean integer = array.getDataType().isInteger();
        long rows = shape.dimension() == 2 ? shape.get(0) : 1;
        long cols = shape.dimension() == 0 ? 1 : shape.get(shape.dimension() - 1);
        StringBuilder html = new StringBuilder("<table><caption>").append(escape(header)).append("</caption>");
        for (int r = 0; r < rows; r++) {
            html.append("<tr>");
            for (int c = 0; c < cols; c++) {
                html.append("<td>").append(format(values[(int) (r * cols + c)], integer)).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    private static String corners(double[] values, Shape shape, boolean integer) {
        long cols = shape.dimension() == 0 ? 1 : shape.get(shape.dimension() - 1);
        long rows = values.length / Math.max(1, cols);
        StringBuilder sb = new StringBuilder();
        for (long r = 0; r < rows; r++) {
            if (r == CORNER && rows > 2 * CORNER) {
                sb.append(" ...\n");
                r = rows - CORNER;
            }
            sb.append(' ');
            for (long c = 0; c < cols; c++) {
                if (c == CORNER && cols > 2 * CORNER) {
                    sb.append(" ...");
                    c = cols - CORNER;
                }
                sb.append(' ').append(format(values[(int) (r * cols + c)], integer));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
