package dev.layerwise.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Reads a CSV file into rows of trimmed fields with their line numbers, through Apache Commons CSV;
 * package-private, behind {@link Datasets#csv}. Gzip is recognised by its magic bytes, a UTF-8 byte
 * order mark is dropped, and every row is checked to have one field per column.
 */
final class CsvReading {
    private CsvReading() {}

    /** A file's column names, rows and where each row ends; sklearn's class names when it has them. */
    record Raw(Path file, List<String> names, List<String[]> rows, long[] lines, List<String> sklearnClasses) {}

    static Raw read(Path file, CsvFormat format) {
        if (file == null) {
            throw new IllegalArgumentException("csv(null): expected the path of a CSV file, e.g."
                    + " Path.of(\"data/iris.csv\")");
        }
        if (Files.isDirectory(file)) {
            throw new DataFileException(file, 0, "is a folder, not a CSV file; name the file itself"
                    + " (for a folder of images use Datasets.imageFolder)");
        }
        try (InputStream in = open(file); BufferedReader reader = new BufferedReader(
                new InputStreamReader(BOMInputStream.builder().setInputStream(in).get(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < format.linesToSkip(); i++) {
                if (reader.readLine() == null) {
                    throw new DataFileException(file, 0, "has only " + i + " lines, but the format skips "
                            + format.linesToSkip() + " (skipLines); is it the right file?");
                }
            }
            return parse(file, reader, format);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, 0, "does not exist (working folder "
                    + Path.of("").toAbsolutePath() + ")", e);
        } catch (ZipException | java.io.EOFException e) {
            throw new DataFileException(file, 0, "starts like a gzip file but does not decompress (" + e.getMessage()
                    + "); the file is probably truncated, copy it again", e);
        } catch (java.io.UncheckedIOException e) {
            throw new DataFileException(file, 0, "could not be parsed as CSV: " + e.getMessage()
                    + "; check its quotes (a field opened with \" must be closed)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Raw parse(Path file, BufferedReader reader, CsvFormat format) throws IOException {
        CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(format.delimiterChar())
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).get();
        long skipped = format.linesToSkip();
        List<String[]> records = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(csv).get()) {
            for (CSVRecord r : parser) {
                if (records.size() % 10_000 == 0 && Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("reading " + file + " was stopped: the thread was interrupted");
                }
                String[] fields = r.values();
                if (fields.length == 0 || (fields.length == 1 && fields[0].isEmpty())) {
                    continue;
                }
                records.add(fields);
                ends.add(parser.getCurrentLineNumber() + skipped);
            }
        }
        if (records.isEmpty()) {
            throw new DataFileException(file, 0, "holds no rows" + (skipped > 0 ? " after the " + skipped
                    + " skipped lines" : "") + "; a data set needs at least one");
        }
        return format.headerMode() == CsvFormat.Header.SKLEARN ? sklearn(file, records, ends, format)
                : plain(file, records, ends, format);
    }

    private static Raw plain(Path file, List<String[]> records, List<Long> ends, CsvFormat format) {
        String[] first = records.get(0);
        boolean header = switch (format.headerMode()) {
            case PRESENT -> true;
            case ABSENT -> false;
            default -> !allNumbersOrMissing(first, format);
        };
        List<String> names = header ? names(first) : generated(first.length, 0);
        int from = header ? 1 : 0;
        if (records.size() == from) {
            throw new DataFileException(file, ends.get(0), "holds a header line (" + String.join(", ", names)
                    + ") but no data rows");
        }
        return finish(file, names, records.subList(from, records.size()), ends.subList(from, ends.size()), null,
                header ? "header" : "column count of the first row");
    }

    private static Raw sklearn(Path file, List<String[]> records, List<Long> ends, CsvFormat format) {
        String[] first = records.get(0);
        Integer samples = first.length >= 2 ? Numbers.parseCount(first[0]) : null;
        Integer features = first.length >= 2 ? Numbers.parseCount(first[1]) : null;
        List<String> classes = new ArrayList<>();
        for (int i = 2; i < first.length; i++) {
            if (!first[i].isEmpty()) {
                classes.add(first[i]);
            }
        }
        if (samples == null || features == null || features < 1) {
            throw new DataFileException(file, ends.get(0), "the first line '" + String.join(",", first) + "' is not"
                    + " scikit-learn's (sample count, feature count, class names); read the file with"
                    + " CsvFormat.standard() instead of CsvFormat.sklearn()");
        }
        if (classes.isEmpty()) {
            throw new DataFileException(file, ends.get(0), "the first line '" + String.join(",", first) + "' names no"
                    + " classes, so the file is not a classification set in scikit-learn's layout; if a header"
                    + " line follows it (as in boston_house_prices.csv), read it with"
                    + " CsvFormat.standard().skipLines(1)");
        }
        List<String> names = generated(features, 0);
        names.add("target");
        List<String[]> rows = records.subList(1, records.size());
        Raw raw = finish(file, names, rows, ends.subList(1, ends.size()), List.copyOf(classes),
                "first line's feature count " + features + " plus the target");
        if (rows.size() != samples) {
            throw new DataFileException(file, 0, "the first line says " + Shapes.count(samples) + " samples, but the"
                    + " file has " + Shapes.count(rows.size()) + " rows; the file is truncated or was changed");
        }
        return raw;
    }

    private static Raw finish(Path file, List<String> names, List<String[]> rows, List<Long> ends,
            List<String> classes, String widthSource) {
        long[] lines = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            lines[i] = ends.get(i);
            if (rows.get(i).length != names.size()) {
                throw new DataFileException(file, lines[i], "has " + rows.get(i).length + " fields, but the "
                        + widthSource + " gives " + names.size() + " columns (" + Numbers.list(names, 8) + "); fix"
                        + " that row (a missing or extra delimiter, or an unquoted comma inside a value), or"
                        + " choose the right delimiter with CsvFormat.standard().delimiter(…)");
            }
        }
        return new Raw(file, List.copyOf(names), List.copyOf(rows), lines, classes);
    }

    private static boolean allNumbersOrMissing(String[] fields, CsvFormat format) {
        for (String f : fields) {
            if (!format.isMissing(f) && !Numbers.isNumber(f)) {
                return false;
            }
        }
        return true;
    }

    /** Header fields as names: blanks become c{i}, repeats get .1, .2 (as pandas does). */
    private static List<String> names(String[] header) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String base = header[i].isEmpty() ? "c" + i : header[i];
            String name = base;
            for (int k = 1; !seen.add(name); k++) {
                name = base + "." + k;
            }
            out.add(name);
        }
        return out;
    }

    private static List<String> generated(int n, int from) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("c" + (from + i));
        }
        return out;
    }

    /** The file, decompressed when it starts with the gzip magic bytes 1f 8b. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
