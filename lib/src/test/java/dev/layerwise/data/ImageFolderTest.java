package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ImageFolderTest {
    @TempDir
    Path dir;

    /** A gray image whose pixel (y, x) is level (seed + 3y + 5x) mod 256. */
    static BufferedImage gray(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (seed + 3 * y + 5 * x) % 256);
            }
        }
        return img;
    }

    /** An image of one color. */
    static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static Path write(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.getParent());
            String format = file.toString().endsWith(".png") ? "png" : "jpg";
            assertTrue(ImageIO.write(img, format, file.toFile()), "a " + format + " writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Three classes of gray PNGs: b has 2 images, a has 1, c has 3; names sort differently from creation order. */
    private Path grayFolder() {
        Path root = dir.resolve("gray");
        write(gray(4, 3, 10), root.resolve("b/2.png"));
        write(gray(4, 3, 20), root.resolve("b/1.png"));
        write(gray(4, 3, 30), root.resolve("a/x.png"));
        for (int i = 0; i < 3; i++) {
            write(gray(4, 3, 40 + i), root.resolve("c/sub/" + i + ".png"));
        }
        return root;
    }

    @Test
    void grayPngsComeBackExactlyChannelsFirstWithClassesFromSortedFolderNames() {
        Dataset d = Datasets.imageFolder(grayFolder());
        assertEquals(List.of("a", "b", "c"), d.classNames());
        assertArrayEquals(new int[] {1, 3, 4}, d.sampleShape());
        assertArrayEquals(new int[] {0, 1, 2, 1, 2, 2}, d.train().labels(), "classes in turn, files sorted");
        assertArrayEquals(new int[] {1, 1, 1}, d.subset(3).train().classCounts(), "the first images hold every class");
        float[] first = d.train().features(1); // b/1.png, seed 20: the first file of the second class
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals((20 + 3 * y + 5 * x) / 255f, first[y * 4 + x], 1e-7, "exact levels");
            }
        }
        assertEquals("gray", d.name());
    }

    @Test
    void jpegAndPngColorImagesGiveThreeChannelsOrOneWhenAskedForGray() {
        Path root = dir.resolve("color");
        write(solid(8, 8, 0xFF0000), root.resolve("red/1.jpg"));
        write(solid(8, 8, 0x0000FF), root.resolve("blue/1.png"));
        Dataset d = Datasets.imageFolder(root);
        assertArrayEquals(new int[] {3, 8, 8}, d.sampleShape());
        float[] blue = d.train().features(0);
        assertEquals(0f, blue[0]);
        assertEquals(1f, blue[2 * 64]);
        float[] red = d.train().features(1);
        assertEquals(1f, red[0], 0.02, "a JPEG's red is close to 255");
        assertEquals(0f, red[2 * 64], 0.02);
        Dataset gray = Datasets.imageFolder(root, ImageOptions.defaults().grayscale().pixelRange(-1, 1));
        assertArrayEquals(new int[] {1, 8, 8}, gray.sampleShape());
        assertEquals(-1 + 2 * 0.114f * 255 / 255, gray.train().features(0)[0], 1e-5, "luma of blue, in [-1, 1]");
    }

    @Test
    void resizingShrinksWithAnAveragingFilter() {
        Path root = dir.resolve("big");
        BufferedImage stripes = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                stripes.getRaster().setSample(x, y, 0, x % 2 == 0 ? 0 : 200);
            }
        }
        write(stripes, root.resolve("s/1.png"));
        write(gray(6, 5, 0), root.resolve("t/1.png"));
        Dataset d = Datasets.imageFolder(root, ImageOptions.defaults().resize(4, 4));
        assertArrayEquals(new int[] {1, 4, 4}, d.sampleShape());
        float[] small = d.train().features(0);
        for (int y = 0; y < 4; y++) {
            assertEquals(100 / 255f, small[y * 4 + 1], 1e-5, "alternate columns average out instead of aliasing");
            assertEquals(100 / 255f, small[y * 4 + 2], 1e-5);
            assertEquals(100 / 255f, (small[y * 4] + small[y * 4 + 3]) / 2, 1e-5, "edges lean to their side, evenly");
        }
        Dataset rgb = Datasets.imageFolder(root, ImageOptions.defaults().resize(4, 4).rgb());
        assertArrayEquals(new int[] {3, 4, 4}, rgb.sampleShape());
    }

    @Test
    void trainAndTestFoldersBecomeTheTrainingAndTestSets() {
        Path root = dir.resolve("split");
        write(gray(4, 4, 1), root.resolve("train/cat/1.png"));
        write(gray(4, 4, 2), root.resolve("train/dog/1.png"));
        write(gray(4, 4, 3), root.resolve("train/dog/2.png"));
        write(gray(4, 4, 4), root.resolve("test/cat/1.png"));
        write(gray(4, 4, 5), root.resolve("test/dog/1.png"));
        Dataset d = Datasets.imageFolder(root);
        assertEquals(3, d.size());
        assertEquals(2, d.testExamples().size());
        assertArrayEquals(new int[] {0, 1}, d.testExamples().labels());
        Dataset separate = Datasets.imageFolder(root.resolve("train"), root.resolve("test"), ImageOptions.defaults());
        assertArrayEquals(d.testExamples().features(), separate.testExamples().features());
    }

    @Test
    void aTestFolderWithOtherClassesIsRefused() {
        Path root = dir.resolve("mismatch");
        write(gray(4, 4, 1), root.resolve("train/cat/1.png"));
        write(gray(4, 4, 2), root.resolve("train/dog/1.png"));
        write(gray(4, 4, 4), root.resolve("test/cat/1.png"));
        write(gray(4, 4, 5), root.resolve("test/cow/1.png"));
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.imageFolder(root));
        assertTrue(e.getMessage().contains("missing here: dog") && e.getMessage().contains("only here: cow"),
                e.getMessage());
    }

    @Test
    void anEmptyClassFolderIsNamed() throws IOException {
        Path root = dir.resolve("empty");
        write(gray(4, 4, 1), root.resolve("cat/1.png"));
        Files.createDirectories(root.resolve("dog"));
        Files.writeString(root.resolve("dog/notes.txt"), "no images yet");
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.imageFolder(root));
        assertEquals(root.resolve("dog"), e.file());
        assertTrue(e.getMessage().contains("class folder with no images") && e.getMessage().contains("notes.txt"),
                e.getMessage());
    }

    @Test
    void anUnreadableImageIsNamedAndNothingIsKept() throws IOException {
        Path root = grayFolder();
        Path bad = root.resolve("b/3.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0});
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.imageFolder(root));
        assertEquals(bad, e.file());
        assertTrue(e.getMessage().contains("cannot be read as an image") && e.getMessage().contains("convert it to PNG"),
                e.getMessage());
        Files.delete(bad);
        assertEquals(6, Datasets.imageFolder(root).size(), "after the fix it loads");
    }

    @Test
    void aDifferentlySizedImageIsNamedWithTheResizeFix() {
        Path root = grayFolder();
        Path odd = write(gray(5, 3, 0), root.resolve("c/sub/9.png"));
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.imageFolder(root));
        assertEquals(odd, e.file());
        assertTrue(e.getMessage().contains("is 5 × 3 pixels") && e.getMessage().contains("is 4 × 3")
                && e.getMessage().contains("ImageOptions.defaults().resize(3, 4)"), e.getMessage());
        assertArrayEquals(new int[] {1, 3, 4}, Datasets.imageFolder(root, ImageOptions.defaults().resize(3, 4))
                .sampleShape());
    }

    @Test
    void imagesWithoutClassFoldersAreExplained() {
        Path root = dir.resolve("flat");
        write(gray(4, 4, 1), root.resolve("1.png"));
        DataFileException e = assertThrows(DataFileException.class, () -> Datasets.imageFolder(root));
        assertTrue(e.getMessage().contains("holds 1 images but no class folders"), e.getMessage());
    }

    @Test
    void aSecondReadComesFromTheCacheUntilAFileChanges() throws IOException {
        Path root = grayFolder();
        Dataset first = Datasets.imageFolder(root);
        Dataset again = Datasets.imageFolder(root);
        assertEquals(first.train(), again.train(), "the same arrays: a learner's device copy is reused");
        Path changed = root.resolve("a/x.png");
        write(gray(4, 3, 99), changed);
        Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Dataset fresh = Datasets.imageFolder(root);
        assertNotSame(first.train(), fresh.train());
        assertEquals(99 / 255f, fresh.train().features(0)[0], 1e-7);
    }

    @Test
    void writingAnImageFolderAndReadingItBackGivesTheSamePixels() throws IOException {
        Dataset source = DatasetRenderingTest.images().split(0.75);
        Path out = dir.resolve("written");
        assertEquals(40, source.writeImageFolder(out));
        assertTrue(Files.isDirectory(out.resolve("train/nine_&_")), "a folder name a file system takes");
        Dataset back = Datasets.imageFolder(out);
        assertEquals(30, back.size());
        assertEquals(10, back.testExamples().size());
        assertArrayEquals(new int[] {1, 28, 28}, back.sampleShape());
        List<String> names = source.classNames();
        for (int i = 0; i < back.size(); i++) {
            String className = back.classNames().get(back.train().label(i));
            assertTrue(names.stream().map(ImageFolderWriter::folderName).anyMatch(className::equals), className);
        }
        float sum = 0;
        for (float v : back.train().features()) {
            sum += v;
        }
        float expected = 0;
        for (float v : source.train().features()) {
            expected += v;
        }
        assertEquals(expected, sum, 1e-3, "the same pixels, in another order");
        DataFileException again = assertThrows(DataFileException.class, () -> source.writeImageFolder(out));
        assertTrue(again.getMessage().contains("already holds files"), again.getMessage());
    }
}
