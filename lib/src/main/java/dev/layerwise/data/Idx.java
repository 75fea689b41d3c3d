package dev.layerwise.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
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
            return Arrays.copyOfRange(shape, 1, shape.length);
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
        try (InputStream in = open(file)) {
            return readImages(in, file.toString());
        } catch (IOException e) {
            throw ioError(file, e);
        }
    }

    /**
     * Reads a label file (magic {@code 0x00000801}).
     *
     * @param file the file, gzip-compressed or raw
     * @return one label per example, 0–255
     */
    public static int[] readLabels(Path file) {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString());
        } catch (IOException e) {
            throw ioError(file, e);
        }
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
        try (InputStream in = maybeGunzip(new ByteArrayInputStream(bytes))) {
            return readImages(in, source);
        } catch (IOException e) {
            throw corrupt(source, e);
        }
    }

    /**
     * Parses the bytes of a label file, as {@link #readLabels(Path)} does.
     *
     * @param bytes the file's content, gzip-compressed or raw
     * @param source a name for error messages
     * @return one label per example
     */
    public static int[] parseLabels(byte[] bytes, String source) {
        try (InputStream in = maybeGunzip(new ByteArrayInputStream(bytes))) {
            return readLabels(in, source);
        } catch (IOException e) {
            throw corrupt(source, e);
        }
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
        if (img.count() == 0 || img.pixels().length == 0) {
            throw new IllegalArgumentException(images + ": the header says " + Arrays.toString(img.shape())
                    + ", so the file holds no image; a data set needs at least one. Is this the right file?");
        }
        int sampleSize = img.pixels().length / img.count();
        return Examples.wrapTrusted(name, img.pixels(), new int[] {sampleSize}, lab, numClasses);
    }

    private static Images readImages(InputStream in, String source) throws IOException {
        byte[] header = new byte[4];
        int[] dims = header(in, header, source);
        if (dims.length < 2) {
            throw new IllegalArgumentException(source + ": expected an image file (magic 0x00000803, at least"
                    + " 2 dimensions) but the magic number " + magic(header) + " says " + dims.length
                    + " dimension; is this a label file?");
        }
        float[] pixels = new float[checkedCount(dims, source)];
        byte[] chunk = new byte[1 << 16];
        final float scale = 1f / 255f;
        int done = 0;
        while (done < pixels.length) {
            if (Thread.currentThread().isInterrupted()) { // Stop: file reads here do not notice interrupts
                throw new CancellationException("reading " + source + " was stopped: the thread was interrupted");
            }
            int n = in.readNBytes(chunk, 0, Math.min(chunk.length, pixels.length - done));
            if (n == 0) {
                throw truncated(source, dims, done);
            }
            for (int i = 0; i < n; i++) {
                pixels[done + i] = (chunk[i] & 0xFF) * scale;
            }
            done += n;
        }
        checkEnd(in, source, dims);
        return new Images(pixels, dims);
    }

    private static int[] readLabels(InputStream in, String source) throws IOException {
        byte[] header = new byte[4];
        int[] dims = header(in, header, source);
        if (dims.length != 1) {
            throw new IllegalArgumentException(source + ": expected a label file (magic 0x00000801, 1 dimension)"
                    + " but the magic number " + magic(header) + " says " + dims.length
                    + " dimensions; did you swap the image and label files?");
        }
        byte[] raw = in.readNBytes(checkedCount(dims, source));
        if (raw.length < dims[0]) {
            throw truncated(source, dims, raw.length);
        }
        checkEnd(in, source, dims);
        int[] labels = new int[raw.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = raw[i] & 0xFF;
        }
        return labels;
    }

    private static InputStream open(Path file) throws IOException {
        return maybeGunzip(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** Wraps the stream in a gzip decoder when it starts with the gzip magic bytes 1f 8b. */
    private static InputStream maybeGunzip(InputStream in) throws IOException {
        InputStream marked = in.markSupported() ? in : new BufferedInputStream(in);
        marked.mark(2);
        int b0 = marked.read();
        int b1 = marked.read();
        marked.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(marked, 1 << 16) : marked;
    }

    /** Reads and checks the magic number and the dimension sizes. */
    private static int[] header(InputStream in, byte[] magic, String source) throws IOException {
        int got = in.readNBytes(magic, 0, 4);
        if (got < 4) {
            throw new IllegalArgumentException(source + ": only " + got + " bytes; an IDX file starts with"
                    + " a 4-byte magic number such as 0x00000803 (images) or 0x00000801 (labels)");
        }
        int type = magic[2] & 0xFF;
        int ndims = magic[3] & 0xFF;
        if (magic[0] != 0 || magic[1] != 0 || type != UNSIGNED_BYTE || ndims == 0) {
            throw new IllegalArgumentException(source + ": magic number " + magic(magic) + " is not an unsigned-byte"
                    + " IDX header; expected 0x00000803 (images) or 0x00000801 (labels): two zero bytes, type"
                    + " 0x08, then the number of dimensions. Is this the right file?");
        }
        byte[] sizes = in.readNBytes(4 * ndims);
        if (sizes.length < 4 * ndims) {
            throw new IllegalArgumentException(source + " is truncated: the header needs " + (4 + 4 * ndims)
                    + " bytes for " + ndims + " dimensions, but the file has " + (4 + sizes.length));
        }
        int[] dims = new int[ndims];
        for (int d = 0; d < ndims; d++) {
            int at = 4 * d;
            dims[d] = ((sizes[at] & 0xFF) << 24) | ((sizes[at + 1] & 0xFF) << 16)
                    | ((sizes[at + 2] & 0xFF) << 8) | (sizes[at + 3] & 0xFF);
            if (dims[d] < 0) {
                throw new IllegalArgumentException(source + ": dimension " + d + " has size " + dims[d]
                        + "; sizes must be non-negative");
            }
        }
        return dims;
    }

    private static int checkedCount(int[] dims, String source) {
        long values = 1;
        for (int d : dims) {
            values *= d;
            if (values > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(source + ": header says " + sizes(dims)
                        + " values, more than one Java array can hold");
            }
        }
        return (int) values;
    }

    private static void checkEnd(InputStream in, String source, int[] dims) throws IOException {
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            long expected = 4L + 4L * dims.length + checkedCount(dims, source);
            throw new IllegalArgumentException(source + " has extra bytes: its header says " + sizes(dims)
                    + " values, so expected " + Shapes.count(expected) + " bytes (uncompressed), but found "
                    + Shapes.count(expected + extra) + "; is this the right file, or two files joined?");
        }
    }

    private static IllegalArgumentException truncated(String source, int[] dims, long valuesRead) {
        long headerBytes = 4L + 4L * dims.length;
        long expected = headerBytes + checkedCount(dims, source);
        return new IllegalArgumentException(source + " is truncated: its header says " + sizes(dims)
                + " values, so expected " + Shapes.count(expected) + " bytes (uncompressed), but found "
                + Shapes.count(headerBytes + valuesRead) + "; download the file again");
    }

    private static String sizes(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" × "));
    }

    private static RuntimeException ioError(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new UncheckedIOException("IDX file " + file + " does not exist", e);
        }
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return corrupt(file.toString(), e);
        }
        return new UncheckedIOException("could not read IDX file " + file + ": " + e.getMessage(), e);
    }

    private static IllegalArgumentException corrupt(String source, IOException e) {
        return new IllegalArgumentException(source + ": does not decompress as gzip (" + e.getMessage()
                + "); the download is probably truncated or corrupt, download it again", e);
    }

    private static String magic(byte[] raw) {
        return String.format("0x%02x%02x%02x%02x", raw[0] & 0xFF, raw[1] & 0xFF, raw[2] & 0xFF, raw[3] & 0xFF);
    }
}
