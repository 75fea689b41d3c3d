package dev.layerwise.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks the SVG that VectorGraphics2D writes for a chart, drawing the same picture. XChart draws a series as one
 * {@code <line>} element per pair of points, each repeating its style, and every coordinate is written with up to
 * seventeen digits: a two-epoch loss curve came to over half a megabyte, too much for a notebook that is committed
 * and rendered on a repository page. Here consecutive segments that continue one another with the same attributes
 * become one {@code <polyline>}, and numbers are rounded to hundredths of a pixel (invisible at any zoom a reader
 * uses).
 */
final class SvgCompaction {
    private static final Pattern LINE = Pattern.compile("<line ([^>]*?)/>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)=\"([^\"]*)\"");
    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("=\"([^\"]*)\"");
    private static final Pattern LONG_DECIMAL = Pattern.compile("(?<![\\d.])-?\\d+\\.\\d{3,}");
    private static final Pattern BETWEEN_LINES = Pattern.compile("\\s*");

    private SvgCompaction() {}

    /**
     * @param svg an SVG document as VectorGraphics2D writes it
     * @return the same drawing with continued line segments joined and numbers rounded to two decimals
     */
    static String compact(String svg) {
        return roundNumbers(joinLines(svg));
    }

    /** Joins runs of {@code <line>} elements that share their other attributes and continue end to start. */
    static String joinLines(String svg) {
        StringBuilder out = new StringBuilder(svg.length() / 2);
        Matcher m = LINE.matcher(svg);
        int copied = 0;
        Run run = null;
        while (m.find()) {
            Segment s = Segment.parse(m.group(1));
            boolean adjacent = run != null && BETWEEN_LINES.matcher(svg.substring(run.end, m.start())).matches();
            if (s != null && adjacent && run.continuedBy(s)) {
                run.add(s);
                run.end = m.end();
                continue;
            }
            if (run != null) {
                out.append(svg, copied, run.start).append(run.element());
                copied = run.end;
            }
            run = s == null ? null : new Run(s, m.start(), m.end());
        }
        if (run != null) {
            out.append(svg, copied, run.start).append(run.element());
            copied = run.end;
        }
        return out.append(svg, copied, svg.length()).toString();
    }

    /**
     * Rounds every number written with three or more decimals inside an attribute value to two, dropping trailing
     * zeros; text content is left as it is.
     */
    static String roundNumbers(String svg) {
        Matcher values = ATTRIBUTE_VALUE.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        while (values.find()) {
            values.appendReplacement(out, Matcher.quoteReplacement("=\"" + roundIn(values.group(1)) + "\""));
        }
        values.appendTail(out);
        return out.toString();
    }

    private static String roundIn(String value) {
        Matcher m = LONG_DECIMAL.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        while (m.find()) {
            m.appendReplacement(out, new BigDecimal(m.group()).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
                    .toPlainString());
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One {@code <line>}: its end points, and its other attributes in their order. */
    private record Segment(String x1, String y1, String x2, String y2, String rest) {
        static Segment parse(String attributes) {
            Map<String, String> a = new LinkedHashMap<>();
            Matcher m = ATTRIBUTE.matcher(attributes);
            while (m.find()) {
                a.put(m.group(1), m.group(2));
            }
            String x1 = a.remove("x1"), y1 = a.remove("y1"), x2 = a.remove("x2"), y2 = a.remove("y2");
            if (x1 == null || y1 == null || x2 == null || y2 == null) {
                return null;
            }
            StringBuilder rest = new StringBuilder();
            a.forEach((k, v) -> rest.append(k).append("=\"").append(v).append("\" "));
            return new Segment(x1, y1, x2, y2, rest.toString());
        }
    }

    /** Consecutive segments being joined, and where their elements start and end in the document. */
    private static final class Run {
        private final Segment first;
        private final StringBuilder points = new StringBuilder();
        private Segment last;
        private int count = 1;
        private final int start;
        private int end;

        Run(Segment s, int start, int end) {
            this.first = s;
            this.last = s;
            this.start = start;
            this.end = end;
            points.append(s.x1()).append(',').append(s.y1()).append(' ').append(s.x2()).append(',').append(s.y2());
        }

        boolean continuedBy(Segment s) {
            return s.rest().equals(first.rest()) && s.x1().equals(last.x2()) && s.y1().equals(last.y2());
        }

        void add(Segment s) {
            points.append(' ').append(s.x2()).append(',').append(s.y2());
            last = s;
            count++;
        }

        String element() {
            if (count == 1) {
                return "<line " + first.rest() + "x1=\"" + first.x1() + "\" x2=\"" + first.x2() + "\" y1=\""
                        + first.y1() + "\" y2=\"" + first.y2() + "\"/>";
            }
            return "<polyline " + first.rest() + "points=\"" + points + "\"/>";
        }
    }
}
