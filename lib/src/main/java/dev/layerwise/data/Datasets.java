package dev.layerwise.data;

import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ready-made data sets and your own files: Fashion-MNIST and MNIST from IDX files, CSV files
 * ({@link #csv}), folders of images ({@link #imageFolder}), NumPy arrays ({@link #numpy},
 * {@link #npz}), and seeded synthetic sets for fast experiments and tests; the usual first line of a
 * notebook, e.g. {@code Datasets.fashionMnist()} or {@code Datasets.csv(path).label("species")}.
 *
 * <p>Loaded files are kept in a static cache of soft references keyed by file path, size and
 * modification time, so re-running a notebook cell returns at once instead of reading the files
 * again; the garbage collector may drop the cache when memory runs short, and a changed file is
 * read again. The cached arrays are never modified, so sharing them is safe.
 */
public final class Datasets {
    /** Where the Debian package {@code dataset-fashion-mnist} installs its files. */
    public static final Path FASHION_MNIST_SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The environment variable naming a directory with the Fashion-MNIST files. */
    public static final String FASHION_MNIST_ENV = "LAYERWISE_FASHION_MNIST";
    /** The system property naming a directory with the Fashion-MNIST files; wins over the variable. */
    public static final String FASHION_MNIST_PROPERTY = "layerwise.fashionMnist";
    /** Fashion-MNIST's class names, by class id. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final Map<String, SoftReference<Examples>> CACHE = new ConcurrentHashMap<>();

    private Datasets() {}

    /**
     * Fashion-MNIST (Xiao et al. 2017): 60,000 training and 10,000 test images of clothing, 28 × 28
     * gray levels scaled to [0, 1], as flat [784] samples in 10 classes. Looks in the directory of
     * the system property {@code layerwise.fashionMnist}, else of the environment variable
     * {@code LAYERWISE_FASHION_MNIST}, else in {@code /usr/share/datasets/fashion-mnist}
     * ({@code sudo apt-get install dataset-fashion-mnist}).
     *
     * @return the data set, with default batch size, shuffle and seed
     */
    public static Dataset fashionMnist() {
        String property = System.getProperty(FASHION_MNIST_PROPERTY);
        if (property != null && !property.isBlank()) {
            return fashionMnist(Path.of(property), "system property " + FASHION_MNIST_PROPERTY + "=" + property);
        }
        String env = System.getenv(FASHION_MNIST_ENV);
        if (env != null && !env.isBlank()) {
            return fashionMnist(Path.of(env), "environment variable " + FASHION_MNIST_ENV + "=" + env);
        }
        return fashionMnist(FASHION_MNIST_SYSTEM_DIR, "the default location of the Debian package");
    }

    /**
     * Fashion-MNIST from a directory holding its four IDX files (gzip-compressed or not).
     *
     * @param dir the directory
     * @return the data set, with default batch size, shuffle and seed
     */
    public static Dataset fashionMnist(Path dir) {
        requireDir("fashionMnist", dir);
        return fashionMnist(dir, "the directory given to fashionMnist(dir)");
    }

    private static Dataset fashionMnist(Path dir, String why) {
        return load(dir, "fashion-mnist", why).withClassNames(FASHION_MNIST_CLASSES.toArray(String[]::new));
    }

    /**
     * MNIST handwritten digits (or any data set in the same four-file IDX layout) from a directory:
     * {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
     * {@code t10k-images-idx3-ubyte[.gz]}, {@code t10k-labels-idx1-ubyte[.gz]}; 10 classes.
     *
     * @param dir the directory
     * @return the data set, flat samples scaled to [0, 1]
     */
    public static Dataset mnist(Path dir) {
        requireDir("mnist", dir);
        return load(dir, "mnist", "the directory given to mnist(dir)");
    }

    private static void requireDir(String method, Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException(method + "(null): expected the folder holding the four IDX files,"
                    + " e.g. Path.of(\"/usr/share/datasets/fashion-mnist\").");
        }
    }

    private static Dataset load(Path dir, String name, String why) {
        Path[] files = new Path[FILES.length];
        List<String> missing = new ArrayList<>();
        for (int f = 0; f < FILES.length; f++) {
            files[f] = find(dir, FILES[f]);
            if (files[f] == null) {
                missing.add(FILES[f] + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(name + " not found: searched " + dir.toAbsolutePath() + " (" + why
                    + ") and did not find " + String.join(", ", missing) + ". Install the data with"
                    + " `sudo apt-get install dataset-fashion-mnist` (it fills " + FASHION_MNIST_SYSTEM_DIR
                    + "), or point " + FASHION_MNIST_ENV + " (or -D" + FASHION_MNIST_PROPERTY
                    + ") at a directory with the four IDX files.");
        }
        Examples train = cached(files[0], files[1], name + "/train");
        Examples test = cached(files[2], files[3], name + "/test");
        return mirrored(Dataset.of(train, test).named(name));
    }

    private static Path find(Path dir, String base) {
        for (String candidate : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Examples cached(Path images, Path labels, String name) {
        String key = stamp(images) + "|" + stamp(labels);
        SoftReference<Examples> ref = CACHE.get(key);
        Examples hit = ref == null ? null : ref.get();
        if (hit != null) {
            return hit.named(name);
        }
        Examples loaded = Idx.readExamples(images, labels, 10, name);
        CACHE.put(key, new SoftReference<>(loaded));
        return loaded;
    }

    private static String stamp(Path file) {
        try {
            return file.toAbsolutePath().normalize() + "@" + Files.size(file) + "@" + Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return file.toAbsolutePath().normalize().toString();
        }
    }

    /** Empties the file caches (IDX files and decoded image folders); for tests and to free memory. */
    public static void clearCache() {
        CACHE.clear();
        ImageFolderReading.clearCache();
    }

    /**
     * Reads a CSV file (gzip-compressed or not) into a table to choose the label from, e.g.
     * {@code Datasets.csv(Path.of("iris.csv")).label("species")}; the header is detected (see
     * {@link CsvFormat#standard()}), columns of words are one-hot encoded, missing values are counted.
     * The table renders as its first rows and one summary per column.
     *
     * @param file the file; {@code .csv.gz} is read directly
     * @return the table
     */
    public static CsvTable csv(Path file) {
        return CsvTable.read(file, CsvFormat.standard());
    }

    /**
     * Reads a CSV file laid out another way: another delimiter, lines to skip, a forced header, or
     * scikit-learn's first line ({@link CsvFormat#sklearn()}).
     *
     * @param file the file; {@code .csv.gz} is read directly
     * @param format how the file is laid out
     * @return the table
     */
    public static CsvTable csv(Path file, CsvFormat format) {
        return CsvTable.read(file, format);
    }

    /**
     * A folder of images, one subfolder per class (as torchvision's {@code ImageFolder}): class names
     * are the folder names in sorted order, samples {@code [c, h, w]} with pixels in [0, 1]. Images are
     * stored taking the classes in turn (the first file of each class folder, then the second, …; files
     * sorted by name), so that {@code subset(n)} holds every class. When the
     * folder holds {@code train/} and {@code test/} (or {@code val/}, {@code validation/}) folders of
     * class folders, those become the training, test and validation sets; otherwise make a test set
     * with {@link Dataset#split(double)}. PNG, JPEG, BMP and GIF files are decoded in parallel, once:
     * running the cell again reads them from memory unless a file changed.
     *
     * @param dir the folder
     * @return the data set
     */
    public static Dataset imageFolder(Path dir) {
        return mirrored(ImageFolderReading.read(dir, null, ImageOptions.defaults()));
    }

    /**
     * A folder of images with options: a size to resize to, grayscale or RGB, the pixel range; e.g.
     * {@code Datasets.imageFolder(dir, ImageOptions.defaults().resize(32, 32).grayscale())}.
     *
     * @param dir the folder (class folders, or train/ and test/ folders of class folders)
     * @param options how files become samples
     * @return the data set
     */
    public static Dataset imageFolder(Path dir, ImageOptions options) {
        return mirrored(ImageFolderReading.read(dir, null, options));
    }

    /**
     * Training and test images from two folders of class folders with the same class names.
     *
     * @param trainDir the training images, one subfolder per class
     * @param testDir the test images, the same subfolders
     * @param options how files become samples, e.g. {@code ImageOptions.defaults()}
     * @return the data set with its test set
     */
    public static Dataset imageFolder(Path trainDir, Path testDir, ImageOptions options) {
        if (testDir == null) {
            throw new IllegalArgumentException("imageFolder(" + trainDir + ", null, …): give the test folder, or"
                    + " call imageFolder(dir, options) and split(0.8)");
        }
        return mirrored(ImageFolderReading.read(trainDir, testDir, options));
    }

    /**
     * Features and labels from two NumPy {@code .npy} files, e.g. written in Python by
     * {@code np.save("x.npy", x); np.save("y.npy", y)}. Features keep their shape after the first
     * dimension ({@code [n, 28, 28]} gives samples {@code [28, 28]}) as float32; integer or boolean
     * labels give classes (as many as the largest id + 1), floating-point ones regression targets.
     * Decoded by DJL, so the engine starts.
     *
     * @param features the features file, shape {@code [n, ...]}
     * @param labels the labels file, shape {@code [n]} (class ids) or {@code [n, k]} (float targets)
     * @return the data set, with no test set yet
     */
    public static Dataset numpy(Path features, Path labels) {
        return numpy(features, labels, 0);
    }

    /**
     * Features and class labels from two {@code .npy} files, with the number of classes given (so a
     * class absent from this file still has its id), and every label checked against it.
     *
     * @param features the features file
     * @param labels the labels file: integer class ids, each from 0 to numClasses - 1
     * @param numClasses the number of classes, or 0 to take the largest id + 1
     * @return the data set
     */
    public static Dataset numpy(Path features, Path labels, int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("numpy(…, " + numClasses + "): the number of classes must be at least 1"
                    + " (or 0 to count them from the labels)");
        }
        NumpyFiles.Array x = NumpyFiles.single(features);
        NumpyFiles.Array y = labels == null ? null : NumpyFiles.single(labels);
        String name = baseName(features);
        return mirrored(Dataset.of(NumpyFiles.examples(name, features, x, labels, y, numClasses)).named(name));
    }

    /**
     * Features and labels from one NumPy {@code .npz} archive, found by their usual names:
     * {@code x_train}, {@code y_train} and, when present, {@code x_test}, {@code y_test} (Keras' layout,
     * {@code np.savez(path, x_train=..., y_train=..., x_test=..., y_test=...)}), else {@code x} and
     * {@code y}, {@code X} and {@code y}, or {@code features} and {@code labels}.
     *
     * @param file the archive
     * @return the data set, with a test set when the archive has one
     */
    public static Dataset npz(Path file) {
        java.util.Map<String, NumpyFiles.Array> arrays = NumpyFiles.read(file);
        for (String[] names : NumpyFiles.conventions()) {
            if (arrays.containsKey(names[0]) && arrays.containsKey(names[1])) {
                String name = baseName(file);
                Examples train = NumpyFiles.examples(name + "/train", file, arrays.get(names[0]), file,
                        arrays.get(names[1]), 0);
                Dataset data = Dataset.of(train).named(name);
                if (names[2] != null && arrays.containsKey(names[2]) && arrays.containsKey(names[3])) {
                    Examples test = NumpyFiles.examples(name + "/test", file, arrays.get(names[2]), file,
                            arrays.get(names[3]), train.numClasses());
                    data = data.withTest(test);
                }
                return mirrored(data);
            }
        }
        throw new DataFileException(file, 0, "holds the arrays " + String.join(", ", arrays.keySet()) + ", none of the"
                + " usual pairs (x_train and y_train, x and y, X and y, features and labels); name yours:"
                + " Datasets.npz(file, \"featuresKey\", \"labelsKey\")");
    }

    /**
     * Features and labels from two named arrays of an {@code .npz} archive.
     *
     * @param file the archive
     * @param featuresKey the features array's name, e.g. {@code "images"}
     * @param labelsKey the labels array's name, e.g. {@code "classes"}
     * @return the data set, with no test set yet
     */
    public static Dataset npz(Path file, String featuresKey, String labelsKey) {
        java.util.Map<String, NumpyFiles.Array> arrays = NumpyFiles.read(file);
        NumpyFiles.Array x = NumpyFiles.pick(file, arrays, featuresKey);
        NumpyFiles.Array y = NumpyFiles.pick(file, arrays, labelsKey);
        String name = baseName(file);
        return mirrored(Dataset.of(NumpyFiles.examples(name, file, x, file, y, 0)).named(name));
    }

    /**
     * Starts copying a loaded set's training and test examples into native memory on a background
     * thread ({@link NativeMirror}), so that they are there, shared, by the time a learner is made.
     */
    static Dataset mirrored(Dataset data) {
        NativeMirror.start(data.train());
        if (data.hasTest()) {
            NativeMirror.start(data.test().train());
        }
        return data;
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * Two interleaving half circles in 2-D, classes 0 and 1 (as scikit-learn's {@code make_moons});
     * a small problem that a linear model cannot solve but a tiny MLP can. 20% is held out as test.
     *
     * @param n total number of points (train + test), at least 10
     * @param noise standard deviation of the Gaussian noise added to each coordinate, e.g. 0.1
     * @param seed the random seed; the same seed gives the same points
     * @return the data set, features [2], 2 classes
     */
    public static Dataset twoMoons(int n, double noise, long seed) {
        return Synthetic.twoMoons(n, noise, seed);
    }

    /**
     * Interleaved spiral arms in 2-D, one arm per class (as in CS231n's spiral example); harder
     * than two moons. 20% is held out as test.
     *
     * @param n total number of points, at least 5 per class
     * @param classes number of arms, at least 2
     * @param noise standard deviation of the Gaussian noise added to each coordinate, e.g. 0.05
     * @param seed the random seed
     * @return the data set, features [2]
     */
    public static Dataset spirals(int n, int classes, double noise, long seed) {
        return Synthetic.spirals(n, classes, noise, seed);
    }

    /**
     * Gaussian blobs: one cluster per class, centers uniform in [-10, 10] per dimension (as
     * scikit-learn's {@code make_blobs}). 20% is held out as test.
     *
     * @param n total number of points, at least 5 per class
     * @param classes number of clusters, at least 1
     * @param dims number of features, at least 1
     * @param spread standard deviation of each cluster, e.g. 1.0
     * @param seed the random seed
     * @return the data set, features [dims]
     */
    public static Dataset blobs(int n, int classes, int dims, double spread, long seed) {
        return Synthetic.blobs(n, classes, dims, spread, seed);
    }
}
