package dev.layerwise.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes a labeled image data set as class folders of PNG files, the layout
 * {@link Datasets#imageFolder(Path)} reads; package-private, behind {@link Dataset#writeImageFolder(Path)}.
 * Files are written in parallel; each name is the example's position in its set, zero-padded, so
 * that sorted names keep the set's order within a class.
 */
final class ImageFolderWriter {
    private ImageFolderWriter() {}

    static int write(Dataset data, Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("writeImageFolder(null): give the folder to write into");
        }
        Examples train = data.train();
        int[] g = Augmenter.geometry(train.sampleShape());
        if (!train.hasLabels() || g == null || (g[0] != 1 && g[0] != 3)) {
            throw new IllegalArgumentException("writeImageFolder: " + data.name() + " has " + (train.hasLabels()
                    ? "samples of shape " + Shapes.format(train.sampleShape()) + ", not gray or RGB images [1 or 3, h, w]"
                    : "no labels, so there are no class folders to write") + "; only labeled image sets can be written");
        }
        List<String> folders = data.classNames().stream().map(ImageFolderWriter::folderName).toList();
        if (folders.stream().distinct().count() != folders.size()) {
            throw new IllegalArgumentException("writeImageFolder: the class names " + data.classNames() + " give the"
                    + " same folder name twice once characters a file name cannot hold are replaced; rename the"
                    + " classes with withClassNames(...)");
        }
        int written = writeSet(train, g, folders, dir.resolve("train"));
        if (data.hasTest()) {
            written += writeSet(data.testExamples(), g, folders, dir.resolve("test"));
        }
        return written;
    }

    /** A class name as a folder name: path separators and other characters file systems refuse become _. */
    static String folderName(String className) {
        String n = className.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]", "_").strip();
        return n.isEmpty() || n.equals(".") || n.equals("..") || n.startsWith(".") ? "_" + n : n;
    }

    private static int writeSet(Examples ex, int[] g, List<String> folders, Path root) {
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> entries = Files.list(root)) {
                    if (entries.findAny().isPresent()) {
                        throw new DataFileException(root, 0, "already holds files; write into an empty folder (e.g."
                                + " Files.createTempDirectory(\"images\")) so that old images do not mix with new ones");
                    }
                }
            }
            for (String f : folders) {
                Files.createDirectories(root.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the folders under " + root + ": " + e.getMessage(), e);
        }
        int digits = Math.max(5, String.valueOf(ex.size() - 1).length());
        IntStream.range(0, ex.size()).parallel().forEach(i -> {
            Path file = root.resolve(folders.get(ex.labelAt(i))).resolve(String.format("%0" + digits + "d.png", i));
            try {
                if (!ImageIO.write(image(ex, i, g), "png", file.toFile())) {
                    throw new IllegalStateException("no PNG writer available in this JVM");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
            }
        });
        return ex.size();
    }

    private static BufferedImage image(Examples ex, int i, int[] g) {
        int c = g[0];
        int h = g[1];
        int w = g[2];
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = img.getRaster();
        int[] pixel = new int[c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    float v = ex.featureAt(i, (k * h + y) * w + x);
                    pixel[k] = Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                }
                raster.setPixel(x, y, pixel);
            }
        }
        return img;
    }
}
