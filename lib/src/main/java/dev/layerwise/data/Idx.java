package dev.layerwise.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-format IDX files (gzip-compressed or raw); use it to load MNIST, Fashion-MNIST and
 * other data sets published in that format.
 *
 * <p>An IDX file starts with a magic number: two zero bytes, a type code ({@code 0x08} for
 * unsigned bytes, the only type these files use) and the number of dimensions; then one big-endian
 * 32-bit size per dimension; then the values. Image files have magic {@code 0x00000803}
 * (count × rows × columns), label files {@code 0x00000801} (count). Compression is detected from
 * the gzip magic bytes {@code 1f 8b}, not from the file name. Every size is checked against the
 * data actually present, so a truncated download fails with a clear message instead of garbage.
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {}

    /**
     * Pixel values of an IDX image file, scaled to [0, 1].
     *
     * @param pixels {@code count × product(sampleShape)} values in file order
     * @param shape the file's dimensions, count first, e.g. {@code [60000, 28, 28]}
     */
    public record Images(float[] pixels, int[] shape) {
        /** @return the number of images (the first dimension) */
        public int count() {
            return shape[0];
        }

        /** @return the shape of one image, e.g. {@code [28, 28]} */
        public int[] sampleShape() {
            return java.util.Arrays.copyOfRange(shape, 1, shape.length);
        }
    }

    /**
     * Reads an image file (magic {@code 0x00000803} or any unsigned-byte IDX file with at least two
     * dimensions), scaling bytes 0–255 to floats 0–1.
     *
     * @param file the file, gzip-compressed or raw
     * @return the pixels and the shape
     */
    public static Images readImages(Path file) {
        return parseImages(readBytes(file), file.toString());
    }

    /**
     * Reads a label file (magic {@code 0x00000801}).
     *
     * @param file the file, gzip-compressed or raw
     * @return one label per example, 0–255
     */
    public static int[] readLabels(Path file) {
        return parseLabels(readBytes(file), file.toString());
    }

    /**
     * Parses the bytes of an image file, as {@link #readImages(Path)} does; for tests and for data
     * that does not come from a file.
     *
     * @param bytes the file's content, gzip-compressed or raw
     * @param source a name for error messages, e.g. the file name
     * @return the pixels and the shape
     */
    public static Images parseImages(byte[] bytes, String source) {
        byte[] raw = maybeGunzip(bytes, source);
        int[] dims = header(raw, source);
        if (dims.length < 2) {
            throw new IllegalArgumentException(source + ": expected an image file (magic 0x00000803, at least"
                    + " 2 dimensions) but the magic number " + magic(raw) + " says " + dims.length
                    + " dimension; is this a label file?");
        }
        int offset = 4 + 4 * dims.length;
        int n = raw.length - offset;
        float[] pixels = new float[n];
        final float scale = 1f / 255f;
        for (int i = 0; i < n; i++) {
            pixels[i] = (raw[offset + i] & 0xFF) * scale;
        }
        return new Images(pixels, dims);
    }

    /**
     * Parses the bytes of a label file, as {@link #readLabels(Path)} does.
     *
     * @param bytes the file's content, gzip-compressed or raw
     * @param source a name for error messages
     * @return one label per example
     */
    public static int[] parseLabels(byte[] bytes, String source) {
        byte[] raw = maybeGunzip(bytes, source);
        int[] dims = header(raw, source);
        if (dims.length != 1) {
            throw new IllegalArgumentException(source + ": expected a label file (magic 0x00000801, 1 dimension)"
                    + " but the magic number " + magic(raw) + " says " + dims.length
                    + " dimensions; did you swap the image and label files?");
        }
        int[] labels = new int[dims[0]];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = raw[8 + i] & 0xFF;
        }
        return labels;
    }

    /**
     * Reads an image file and its label file into one labeled table, checking that they describe
     * the same number of examples; samples are flat ({@code [rows × columns]}).
     *
     * @param images the image file
     * @param labels the label file
     * @param numClasses the number of classes; every label must be below it
     * @param name a name for summaries, e.g. {@code "fashion-mnist/train"}
     * @return the table
     */
    public static Examples readExamples(Path images, Path labels, int numClasses, String name) {
        Images img = readImages(images);
        int[] lab = readLabels(labels);
        if (img.count() != lab.length) {
            throw new IllegalArgumentException("count mismatch: " + images + " has " + Shapes.count(img.count())
                    + " images but " + labels + " has " + Shapes.count(lab.length)
                    + " labels; the two files must come from the same split (train with train, t10k with t10k)");
        }
        int sampleSize = img.pixels().length / Math.max(1, img.count());
        return Examples.wrap(name, img.pixels(), new int[] {sampleSize}, lab, numClasses);
    }

    private static byte[] readBytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("IDX file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] maybeGunzip(byte[] bytes, String source) {
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1f || (bytes[1] & 0xFF) != 0x8b) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": starts like a gzip file (1f 8b) but does not"
                    + " decompress: " + e.getMessage() + "; the download is probably truncated or corrupt", e);
        }
    }

    /** Checks the magic number and the sizes against the data length; returns the dimensions. */
    private static int[] header(byte[] raw, String source) {
        if (raw.length < 4) {
            throw new IllegalArgumentException(source + ": only " + raw.length + " bytes; an IDX file starts with"
                    + " a 4-byte magic number such as 0x00000803 (images) or 0x00000801 (labels)");
        }
        int type = raw[2] & 0xFF;
        int ndims = raw[3] & 0xFF;
        if (raw[0] != 0 || raw[1] != 0 || type != UNSIGNED_BYTE || ndims == 0) {
            throw new IllegalArgumentException(source + ": magic number " + magic(raw) + " is not an unsigned-byte"
                    + " IDX header; expected 0x00000803 (images) or 0x00000801 (labels): two zero bytes, type"
                    + " 0x08, then the number of dimensions. Is this the right file?");
        }
        long headerBytes = 4L + 4L * ndims;
        if (raw.length < headerBytes) {
            throw new IllegalArgumentException(source + " is truncated: the header needs " + headerBytes
                    + " bytes for " + ndims + " dimensions, but the file has " + raw.length);
        }
        int[] dims = new int[ndims];
        long values = 1;
        for (int d = 0; d < ndims; d++) {
            int at = 4 + 4 * d;
            dims[d] = ((raw[at] & 0xFF) << 24) | ((raw[at + 1] & 0xFF) << 16)
                    | ((raw[at + 2] & 0xFF) << 8) | (raw[at + 3] & 0xFF);
            if (dims[d] < 0) {
                throw new IllegalArgumentException(source + ": dimension " + d + " has size " + dims[d]
                        + "; sizes must be non-negative");
            }
            values *= dims[d];
        }
        long expected = headerBytes + values;
        if (raw.length != expected) {
            String sizes = java.util.Arrays.stream(dims).mapToObj(Integer::toString)
                    .collect(java.util.stream.Collectors.joining(" × "));
            throw new IllegalArgumentException(source + (raw.length < expected ? " is truncated" : " has extra bytes")
                    + ": its header says " + sizes + " values, so expected " + Shapes.count(expected)
                    + " bytes (uncompressed), but found " + Shapes.count(raw.length)
                    + "; download the file again");
        }
        return dims;
    }

    private static String magic(byte[] raw) {
        return String.format("0x%02x%02x%02x%02x", raw[0] & 0xFF, raw[1] & 0xFF, raw[2] & 0xFF, raw[3] & 0xFF);
    }
}
