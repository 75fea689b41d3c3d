package dev.layerwise.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {}

    /** The bytes of an unsigned-byte IDX file with these dimensions and values. */
    static byte[] idx(int[] dims, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(values);
        return b.array();
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** count images of rows×cols where pixel j of image i is (i * 7 + j) mod 256. */
    static byte[] images(int count, int rows, int cols) {
        byte[] v = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < rows * cols; j++) {
                v[i * rows * cols + j] = (byte) ((i * 7 + j) % 256);
            }
        }
        return idx(new int[] {count, rows, cols}, v);
    }

    /** count labels, label i = i mod classes. */
    static byte[] labels(int count, int classes) {
        byte[] v = new byte[count];
        for (int i = 0; i < count; i++) {
            v[i] = (byte) (i % classes);
        }
        return idx(new int[] {count}, v);
    }

    /** Writes a four-file MNIST-layout directory; gzip or raw names. */
    static Path mnistDir(Path dir, int nTrain, int nTest, boolean gzip) {
        String ext = gzip ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + ext), maybe(images(nTrain, 28, 28), gzip));
        write(dir.resolve("train-labels-idx1-ubyte" + ext), maybe(labels(nTrain, 10), gzip));
        write(dir.resolve("t10k-images-idx3-ubyte" + ext), maybe(images(nTest, 28, 28), gzip));
        write(dir.resolve("t10k-labels-idx1-ubyte" + ext), maybe(labels(nTest, 10), gzip));
        return dir;
    }

    private static byte[] maybe(byte[] raw, boolean gzip) {
        return gzip ? gzip(raw) : raw;
    }
}
