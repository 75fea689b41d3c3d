package dev.layerwise.data;

import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ready-made data sets: Fashion-MNIST and MNIST from IDX files, and seeded synthetic sets for fast
 * experiments and tests; the usual first line of a notebook, e.g. {@code Datasets.fashionMnist()}.
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
        return Dataset.of(train, test).named(name);
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

    /** Empties the file cache; for tests and to free memory in a long session. */
    public static void clearCache() {
        CACHE.clear();
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
