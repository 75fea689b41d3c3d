package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class IdxTest {
    @TempDir
    Path dir;

    @Test
    void rawImageFileRoundTripsScaledToUnitRange() {
        Path file = IdxFiles.write(dir.resolve("images.idx"), IdxFiles.images(3, 4, 5));
        Idx.Images images = Idx.readImages(file);
        assertArrayEquals(new int[] {3, 4, 5}, images.shape());
        assertEquals(3, images.count());
        assertArrayEquals(new int[] {4, 5}, images.sampleShape());
        assertEquals(60, images.pixels().length);
        assertEquals((2 * 7 + 3) / 255f, images.pixels()[2 * 20 + 3], 1e-7);
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() {
        Path file = IdxFiles.write(dir.resolve("no-gz-suffix"), IdxFiles.gzip(IdxFiles.images(2, 28, 28)));
        Idx.Images images = Idx.readImages(file);
        assertEquals(2, images.count());
        assertEquals(27 / 255f, images.pixels()[27], 1e-7);
    }

    @Test
    void labelFileRoundTripsGzipAndRaw() {
        int[] expected = {0, 1, 2, 0, 1, 2, 0};
        Path raw = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(7, 3));
        Path gz = IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.gzip(IdxFiles.labels(7, 3)));
        assertArrayEquals(expected, Idx.readLabels(raw));
        assertArrayEquals(expected, Idx.readLabels(gz));
    }

    @Test
    void labelsAbove127AreReadAsUnsigned() {
        int[] labels = Idx.parseLabels(IdxFiles.idx(new int[] {1}, new byte[] {(byte) 200}), "test");
        assertEquals(200, labels[0]);
    }

    @Test
    void readExamplesPairsImagesWithLabelsAsFlatSamples() {
        Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.images(5, 28, 28));
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(5, 10));
        Examples ex = Idx.readExamples(images, labels, 10, "tiny");
        assertEquals(5, ex.size());
        assertArrayEquals(new int[] {784}, ex.sampleShape());
        assertEquals(4, ex.label(4));
    }

    @Test
    void wrongMagicNumberIsRejectedWithTheNumberAndTheExpectedOnes() {
        byte[] bytes = IdxFiles.images(1, 2, 2);
        bytes[2] = 0x0D; // float type code
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.parseImages(bytes, "weird.idx"));
        assertTrue(e.getMessage().contains("weird.idx"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000d03"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void aTextFileIsNotMistakenForIdx() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Idx.parseLabels("hello world".getBytes(), "readme.txt"));
        assertTrue(e.getMessage().contains("magic number 0x68656c6c"), e.getMessage());
    }

    @Test
    void swappedImageAndLabelFilesAreNamed() {
        var labels = assertThrows(IllegalArgumentException.class,
                () -> Idx.parseLabels(IdxFiles.images(1, 2, 2), "images.idx"));
        assertTrue(labels.getMessage().contains("swap"), labels.getMessage());
        var images = assertThrows(IllegalArgumentException.class,
                () -> Idx.parseImages(IdxFiles.labels(3, 2), "labels.idx"));
        assertTrue(images.getMessage().contains("label file"), images.getMessage());
    }

    @Test
    void truncatedFileSaysExpectedAndActualBytes() {
        byte[] full = IdxFiles.images(10, 28, 28);
        byte[] cut = Arrays.copyOf(full, full.length - 100);
        Path file = IdxFiles.write(dir.resolve("cut.gz"), IdxFiles.gzip(cut));
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(file));
        String m = e.getMessage();
        assertTrue(m.contains("cut.gz") && m.contains("truncated"), m);
        assertTrue(m.contains("10 × 28 × 28"), m);
        assertTrue(m.contains("7,856") && m.contains("7,756"), m);
    }

    @Test
    void truncatedGzipStreamIsReportedAsCorrupt() {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(10, 28, 28));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.parseImages(cut, "half.gz"));
        assertTrue(e.getMessage().contains("half.gz") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() {
        byte[] header = {0, 0, 8, 3, 0, 0};
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.parseImages(header, "h"));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void extraBytesAreReported() {
        byte[] full = IdxFiles.labels(4, 2);
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.parseLabels(longer, "long"));
        assertTrue(e.getMessage().contains("extra bytes"), e.getMessage());
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFiles() {
        Path images = IdxFiles.write(dir.resolve("imgs"), IdxFiles.images(5, 28, 28));
        Path labels = IdxFiles.write(dir.resolve("labs"), IdxFiles.labels(6, 10));
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.readExamples(images, labels, 10, "x"));
        String m = e.getMessage();
        assertTrue(m.contains("imgs") && m.contains("labs") && m.contains("5 images") && m.contains("6 labels"), m);
    }

    @Test
    void missingFileSaysWhichFile() {
        var e = assertThrows(UncheckedIOException.class, () -> Idx.readLabels(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist"), e.getMessage());
    }
}
