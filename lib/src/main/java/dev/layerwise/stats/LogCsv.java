package dev.layerwise.stats;

import java.util.ArrayList;
import java.util.List;

/** The CSV form of a {@link GradientLog}'s rows: header, then one row per line, RFC 4180 quoting. */
final class LogCsv {
    static final String HEADER = "step,epoch,layer,parameter,metric,value";

    private LogCsv() {}

    static String write(List<GradientLog.Row> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (GradientLog.Row r : rows) {
            sb.append(r.step()).append(',').append(r.epoch()).append(',').append(quote(r.layer())).append(',')
                    .append(quote(r.parameter())).append(',').append(quote(r.metric())).append(',')
                    .append(r.value()).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 ? s
                : '"' + s.replace("\"", "\"\"") + '"';
    }

    static List<GradientLog.Row> read(String csv) {
        String[] lines = csv.replace("\r\n", "\n").split("\n");
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw new IllegalArgumentException("Not a gradient log: expected the header '" + HEADER + "', got '"
                    + (lines.length == 0 ? "" : lines[0]) + "'. Read files written by GradientLog.saveCsv(path).");
        }
        List<GradientLog.Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> f = split(lines[i]);
            if (f.size() != 6) {
                throw new IllegalArgumentException("Gradient log line " + (i + 1) + " has " + f.size()
                        + " fields, expected 6 (" + HEADER + "): " + lines[i]);
            }
            try {
                rows.add(new GradientLog.Row(Long.parseLong(f.get(0)), Integer.parseInt(f.get(1)), f.get(2), f.get(3),
                        f.get(4), Double.parseDouble(f.get(5))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Gradient log line " + (i + 1) + ": step and epoch must be integers"
                        + " and value a number, got: " + lines[i], e);
            }
        }
        return rows;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
