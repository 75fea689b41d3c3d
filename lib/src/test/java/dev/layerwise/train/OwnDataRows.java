package dev.layerwise.train;

import dev.layerwise.data.Augment;
import dev.layerwise.data.CsvFormat;
import dev.layerwise.data.DataFileException;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.ImageOptions;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * The rows of {@link BadInputTableTest} for data files of your own: CSV files, image folders, NumPy
 * files, splits, scaling and augmentation. The files are written on first use into a folder of the
 * table's temporary directory (the NumPy ones by Debian's numpy through /usr/bin/python3).
 */
final class OwnDataRows {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IllegalStateException> ISE = IllegalStateException.class;
    private static final Class<DataFileException> FILE = DataFileException.class;
    private static Path files;

    private OwnDataRows() {}

    private static BadInputRows.Row row(String entry, String bad, Class<? extends Throwable> type, String fix,
            BadInputRows.Call call, String... words) {
        return new BadInputRows.Row(entry, bad, type, fix, List.of(words), null, call, null);
    }

    static List<BadInputRows.Row> all(Supplier<Path> tempDir) {
        Supplier<Path> f = () -> files(tempDir.get());
        Dataset blobs = Datasets.blobs(60, 3, 5, 1.0, 1);
        return List.of(
                row("Datasets.csv", "a row with too few fields", FILE, "Fix that row (a missing or extra delimiter, an"
                        + " unquoted comma), or set the delimiter with CsvFormat.", l -> Datasets.csv(f.get().resolve(
                        "ragged.csv")), "ragged.csv, line 3", "has 2 fields, but the header gives 3 columns (a, b, c)"),
                row("Datasets.csv", "a file that does not exist", FILE, "Check the path; the message names the working"
                        + " folder.", l -> Datasets.csv(f.get().resolve("nowhere.csv")), "nowhere.csv", "does not exist"),
                row("Datasets.csv(file, CsvFormat.sklearn())", "a file without scikit-learn's first line", FILE, "Read it"
                        + " with CsvFormat.standard().", l -> Datasets.csv(f.get().resolve("typo.csv"),
                        CsvFormat.sklearn()), "is not scikit-learn's", "CsvFormat.standard()"),
                row("CsvTable.label", "a word in a column of numbers", FILE, "Fix the value, leave it empty to mark it"
                        + " missing, or read the column as categories with .categorical(column).",
                        l -> Datasets.csv(f.get().resolve("typo.csv")).label("y"), "typo.csv, line 4",
                        "'3..5' in feature column 'x' is not a number", ".categorical(\"x\")"),
                row("CsvTable.label", "a column that does not exist", IAE, "Name one of the columns the message lists.",
                        l -> Datasets.csv(f.get().resolve("typo.csv")).label("species"), "no column named 'species'",
                        "its columns are x, y"),
                row("CsvTable.label", "missing feature values", FILE, "Fill them (.fillMissing(), .fillMissing(0)),"
                        + " leave those rows out (.dropMissing()) or drop the column.",
                        l -> Datasets.csv(f.get().resolve("gaps.csv")).label("y"), "missing values in 1 feature column",
                        "x (1, first on line 3)", ".fillMissing()", ".dropMissing()"),
                row("CsvTable.label", "a label outside the classes scikit-learn's first line names", FILE, "Fix the"
                        + " label, or the class names on the first line.", l -> Datasets.csv(f.get().resolve(
                        "sklearn.csv"), CsvFormat.sklearn()).label("target"), "line 4",
                        "label '2' is outside the 2 classes"),
                row("CsvTable.label", "labels that are not whole numbers", FILE, "For regression use target(column).",
                        l -> Datasets.csv(f.get().resolve("fractions.csv")).label("y"), "not a whole number",
                        "target(\"y\")"),
                row("Dataset.withTest(CsvTable)", "a class the training file lacks", FILE, "A test file can only hold"
                        + " the training file's classes.", l -> Datasets.csv(f.get().resolve("typo.csv")).categorical("x")
                        .label("y").withTest(Datasets.csv(f.get().resolve("other-class.csv"))), "line 2",
                        "label '7' is not one of the 2 classes"),
                row("CsvFormat.delimiter", "a quote", IAE, "Use ',', ';', '\\t' or '|'.",
                        l -> CsvFormat.standard().delimiter('"'), "cannot be a quote"),
                row("Datasets.imageFolder", "an empty class folder", FILE, "Add images to it, or remove it.",
                        l -> Datasets.imageFolder(f.get().resolve("empty-class")), "class folder with no images",
                        "notes.txt"),
                row("Datasets.imageFolder", "a file that is no image", FILE, "Remove it, or convert it to PNG or"
                        + " RGB JPEG.", l -> Datasets.imageFolder(f.get().resolve("unreadable")), "broken.png",
                        "cannot be read as an image", "convert it to PNG"),
                row("Datasets.imageFolder", "an image of another size", FILE, "Resize while loading, with the options the"
                        + " message gives.", l -> Datasets.imageFolder(f.get().resolve("sizes")), "is 5 × 3 pixels",
                        "is 4 × 3", "ImageOptions.defaults().resize(3, 4)"),
                row("Datasets.imageFolder", "images but no class folders", FILE, "Put each class's images in a folder"
                        + " named after the class.", l -> Datasets.imageFolder(f.get().resolve("flat")),
                        "holds 1 images but no class folders"),
                row("Datasets.imageFolder", "a test folder with other classes", FILE, "Give both folders the same class"
                        + " folders.", l -> Datasets.imageFolder(f.get().resolve("mismatch")), "missing here: dog",
                        "only here: cow"),
                row("ImageOptions.resize", "0 pixels", IAE, "At least 1 pixel each way, e.g. resize(28, 28).",
                        l -> ImageOptions.defaults().resize(0, 28), "resize(0, 28)", "at least 1 pixel"),
                row("Dataset.writeImageFolder", "a folder that already holds images", FILE, "Write into an empty folder.",
                        l -> Datasets.imageFolder(f.get().resolve("sizes"), ImageOptions.defaults().resize(3, 4))
                        .withoutTest().split(0.5).writeImageFolder(f.get().resolve("mismatch")), "already holds files"),
                row("Datasets.numpy", "a label outside the class range", FILE, "Labels run from 0 to numClasses - 1"
                        + " (1-based labels? save y - 1).", l -> Datasets.numpy(f.get().resolve("x.npy"),
                        f.get().resolve("y.npy"), 2), "label 2 at index 1", "0 … 1 (2 classes)"),
                row("Datasets.numpy", "uint16 labels", FILE, "Save class ids as int64: y.astype('int64').",
                        l -> Datasets.numpy(f.get().resolve("x.npy"), f.get().resolve("y_uint16.npy")),
                        "element type '<u2'", "y.astype('int64')"),
                row("Datasets.numpy", "a Fortran-ordered array", FILE, "Save a C-ordered copy: np.ascontiguousarray(x).",
                        l -> Datasets.numpy(f.get().resolve("x_fortran.npy"), f.get().resolve("y.npy")),
                        "Fortran (column-major) order", "np.ascontiguousarray"),
                row("Datasets.npz", "an archive without the usual names", FILE, "Name the arrays:"
                        + " Datasets.npz(file, featuresKey, labelsKey).", l -> Datasets.npz(f.get().resolve("named.npz")),
                        "holds the arrays pixels, classes", "Datasets.npz(file,"),
                row("Dataset.augment", "samples that are not images", IAE, "Reshape to images [c, h, w] first.",
                        l -> Datasets.twoMoons(100, 0.1, 1).augment(Augment.flip()), "[2] are not images",
                        "reshape(c, h, w)"),
                row("Augment.crop", "padding 0", IAE, "At least 1 pixel; 2 to 4 for 28 × 28 images.",
                        l -> Augment.crop(0), "crop(0)", "at least 1 pixel"),
                row("Dataset.split(train, validation)", "fractions that leave no test set", IAE, "Fractions that add up"
                        + " to less than 1, e.g. split(0.7, 0.15).", l -> blobs.withoutTest().split(0.7, 0.3),
                        "leaving nothing for the test set"),
                row("Dataset.validationSplit", "a second validation split", ISE, "Split the training examples once.",
                        l -> blobs.validationSplit(0.1).validationSplit(0.1), "already has a validation set"),
                row("Dataset.validation", "no validation set", ISE, "Make one with validationSplit(0.1) or"
                        + " split(0.7, 0.15).", l -> blobs.validation(), "has no validation set", "validationSplit(0.1)"),
                row("Dataset.scale", "null", IAE, "Scaling.STANDARDIZE or Scaling.MIN_MAX, or withoutScaling().",
                        l -> blobs.scale(null), "scale(null)", "withoutScaling()"));
    }

    /** Writes the files once: small CSV files, image folders, and NumPy arrays through numpy. */
    private static synchronized Path files(Path tempDir) {
        if (files != null) {
            return files;
        }
        Path d = tempDir.resolve("own-data");
        try {
            Files.createDirectories(d);
            Files.writeString(d.resolve("ragged.csv"), "a,b,c\n1,2,3\n4,5\n");
            Files.writeString(d.resolve("typo.csv"), "x,y\n1.5,0\n2.5,1\n3..5,0\n4.5,1\n");
            Files.writeString(d.resolve("gaps.csv"), "x,y\n1,0\n,1\n3,0\n");
            Files.writeString(d.resolve("sklearn.csv"), "3,1,a,b\n0.5,0\n0.7,1\n0.9,2\n");
            Files.writeString(d.resolve("fractions.csv"), "x,y\n1,0.5\n2,1\n");
            Files.writeString(d.resolve("other-class.csv"), "x,y\n1.5,7\n");
            image(4, 3, d.resolve("empty-class/cat/1.png"));
            Files.createDirectories(d.resolve("empty-class/dog"));
            Files.writeString(d.resolve("empty-class/dog/notes.txt"), "no images yet");
            image(4, 3, d.resolve("unreadable/cat/1.png"));
            Files.write(d.resolve("unreadable/cat/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});
            image(4, 3, d.resolve("sizes/a/1.png"));
            image(4, 3, d.resolve("sizes/b/1.png"));
            image(5, 3, d.resolve("sizes/b/2.png"));
            image(4, 3, d.resolve("flat/1.png"));
            image(4, 4, d.resolve("mismatch/train/cat/1.png"));
            image(4, 4, d.resolve("mismatch/train/dog/1.png"));
            image(4, 4, d.resolve("mismatch/test/cat/1.png"));
            image(4, 4, d.resolve("mismatch/test/cow/1.png"));
            String script = "import numpy as np, os, sys\n"
                    + "os.chdir(sys.argv[1])\n"
                    + "np.save('x.npy', np.arange(12, dtype=np.float32).reshape(4, 3))\n"
                    + "np.save('y.npy', np.array([0, 2, 1, 1]))\n"
                    + "np.save('y_uint16.npy', np.arange(4, dtype=np.uint16))\n"
                    + "np.save('x_fortran.npy', np.asfortranarray(np.arange(12.0).reshape(4, 3)))\n"
                    + "np.savez('named.npz', pixels=np.zeros((2, 3)), classes=np.array([0, 1]))\n";
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, d.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("numpy could not write the test files (install python3-numpy): " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        files = d;
        return d;
    }

    private static void image(int w, int h, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
    }
}
