package dev.layerwise.data;

import dev.layerwise.interrupt.Interrupts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Reads a folder of images, one subfolder per class, into a data set; package-private, behind
 * {@link Datasets#imageFolder}. Images are decoded in parallel with a progress line, checked for one
 * size (unless resized), and kept in a cache of soft references keyed by the folder, the options and
 * every file's path, size and modification time, so re-running a cell does not decode again while a
 * changed file is. Any bad file fails the whole load: nothing is cached or returned half-read.
 */
final class ImageFolderReading {
    /** File name endings read as images (case-insensitive). */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final Map<String, SoftReference<Loaded>> CACHE = new ConcurrentHashMap<>();

    private ImageFolderReading() {}

    /** The decoded sets and their classes. */
    private record Loaded(Examples train, Examples validation, Examples test, List<String> classes) {}

    /** One set's files: class folders in class-id order, and every image with its class id. */
    private record Listing(Path root, List<Path> files, List<Integer> labels) {}

    static Dataset read(Path root, Path testRoot, ImageOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("imageFolder(" + root + ", null): give options, e.g."
                    + " ImageOptions.defaults().resize(28, 28)");
        }
        requireFolder(root, "imageFolder");
        Path trainRoot = root;
        Path validationRoot = null;
        if (testRoot == null) {
            Path train = root.resolve("train");
            Path test = firstFolder(root, "test");
            Path validation = firstFolder(root, "val", "validation");
            if (Files.isDirectory(train) && (test != null || validation != null)) {
                trainRoot = train;
                testRoot = test;
                validationRoot = validation;
            }
        } else {
            requireFolder(testRoot, "imageFolder (test folder)");
        }
        List<String> classes = classFolders(trainRoot);
        Listing train = list(trainRoot, classes);
        Listing validation = validationRoot == null ? null : list(sameClasses(validationRoot, trainRoot, classes),
                classes);
        Listing test = testRoot == null ? null : list(sameClasses(testRoot, trainRoot, classes), classes);
        String key = key(options, train, validation, test);
        SoftReference<Loaded> ref = CACHE.get(key);
        Loaded loaded = ref == null ? null : ref.get();
        if (loaded == null) {
            loaded = decode(root, options, classes, train, validation, test);
            CACHE.put(key, new SoftReference<>(loaded));
        }
        String name = root.toAbsolutePath().normalize().getFileName() == null ? "images"
                : root.toAbsolutePath().normalize().getFileName().toString();
        Dataset data = Dataset.ofSets(loaded.train().named(name + "/train"),
                loaded.validation() == null ? null : loaded.validation().named(name + "/validation"),
                loaded.test() == null ? null : loaded.test().named(name + "/test"));
        return data.named(name).withClassNames(loaded.classes().toArray(String[]::new));
    }

    static void clearCache() {
        CACHE.clear();
    }

    private static void requireFolder(Path dir, String method) {
        if (dir == null) {
            throw new IllegalArgumentException(method + "(null): give the folder that holds one subfolder per class");
        }
        if (!Files.exists(dir)) {
            throw new DataFileException(dir, 0, "does not exist (working folder " + Path.of("").toAbsolutePath() + ")");
        }
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, 0, "is a file, not a folder; give the folder that holds one subfolder of"
                    + " images per class");
        }
    }

    private static Path firstFolder(Path root, String... names) {
        for (String n : names) {
            if (Files.isDirectory(root.resolve(n))) {
                return root.resolve(n);
            }
        }
        return null;
    }

    /** Class names: the visible subfolders, sorted (as torchvision's ImageFolder). */
    private static List<String> classFolders(Path root) {
        List<String> out = new ArrayList<>();
        int images = 0;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : entries.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    out.add(n);
                } else if (isImage(p)) {
                    images++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + root + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new DataFileException(root, 0, (images > 0 ? "holds " + images + " images but no class folders"
                    : "has no subfolders") + "; put each class's images in a subfolder named after the class, e.g. "
                    + root.resolve("cat").resolve("1.png") + " and " + root.resolve("dog").resolve("2.png"));
        }
        out.sort(null);
        return out;
    }

    private static Path sameClasses(Path other, Path trainRoot, List<String> classes) {
        List<String> found = classFolders(other);
        if (!found.equals(classes)) {
            List<String> missing = new ArrayList<>(classes);
            missing.removeAll(found);
            List<String> extra = new ArrayList<>(found);
            extra.removeAll(classes);
            throw new DataFileException(other, 0, "has the class folders " + Numbers.list(found, 12) + ", but "
                    + trainRoot + " has " + Numbers.list(classes, 12) + (missing.isEmpty() ? "" : "; missing here: "
                    + String.join(", ", missing)) + (extra.isEmpty() ? "" : "; only here: " + String.join(", ", extra))
                    + ". Both need the same classes, so that class ids agree");
        }
        return other;
    }

    /**
     * Every image of every class folder, sorted by path within a class, the classes taken in turn (the
     * first image of each class, then the second of each, …), so that {@link Dataset#subset(int)}
     * holds every class rather than the first few.
     */
    private static Listing list(Path root, List<String> classes) {
        List<List<Path>> byClass = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path dir = root.resolve(classes.get(c));
            List<Path> images = new ArrayList<>();
            List<Path> others = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .forEach(p -> (isImage(p) ? images : others).add(p));
            } catch (IOException e) {
                throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
            }
            if (images.isEmpty()) {
                throw new DataFileException(dir, 0, "is a class folder with no images (.png, .jpg, .jpeg, .bmp, .gif)"
                        + (others.isEmpty() ? "" : "; it holds " + others.size() + " other file"
                        + (others.size() == 1 ? "" : "s") + ", e.g. " + others.get(0).getFileName())
                        + ". Add images of class '" + classes.get(c) + "', or remove the folder");
            }
            images.sort(null);
            byClass.add(images);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int longest = byClass.stream().mapToInt(List::size).max().orElse(0);
        for (int k = 0; k < longest; k++) {
            for (int c = 0; c < byClass.size(); c++) {
                if (k < byClass.get(c).size()) {
                    files.add(byClass.get(c).get(k));
                    labels.add(c);
                }
            }
        }
        return new Listing(root, files, labels);
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Folder, options and every file's path, size and modification time, hashed. */
    private static String key(ImageOptions options, Listing... sets) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(options.key().getBytes(StandardCharsets.UTF_8));
            for (Listing set : sets) {
                if (set == null) {
                    sha.update((byte) 0);
                    continue;
                }
                for (Path p : set.files()) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    sha.update((p.toAbsolutePath() + "@" + a.size() + "@" + a.lastModifiedTime().toMillis() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read file attributes: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Loaded decode(Path root, ImageOptions options, List<String> classes, Listing train,
            Listing validation, Listing test) {
        List<Path> all = new ArrayList<>(train.files());
        if (validation != null) {
            all.addAll(validation.files());
        }
        if (test != null) {
            all.addAll(test.files());
        }
        Pixels[] decoded = decodeAll(root, all, options);
        int channels = switch (options.color()) {
            case GRAY -> 1;
            case RGB -> 3;
            default -> java.util.Arrays.stream(decoded).anyMatch(p -> p.channels() == 3) ? 3 : 1;
        };
        Pixels first = decoded[0];
        for (int i = 0; i < decoded.length; i++) {
            Pixels p = decoded[i];
            if (p.height() != first.height() || p.width() != first.width()) {
                throw new DataFileException(all.get(i), 0, "is " + p.width() + " × " + p.height() + " pixels (width ×"
                        + " height), but " + all.get(0) + " is " + first.width() + " × " + first.height() + "; all"
                        + " images must have one size, or resize them as they load: Datasets.imageFolder(dir,"
                        + " ImageOptions.defaults().resize(" + first.height() + ", " + first.width() + "))");
            }
        }
        int from = 0;
        Examples trainSet = assemble(decoded, from, train, channels, options, classes.size());
        from += train.files().size();
        Examples validationSet = null;
        if (validation != null) {
            validationSet = assemble(decoded, from, validation, channels, options, classes.size());
            from += validation.files().size();
        }
        Examples testSet = test == null ? null : assemble(decoded, from, test, channels, options, classes.size());
        return new Loaded(trainSet, validationSet, testSet, List.copyOf(classes));
    }

    private static Examples assemble(Pixels[] decoded, int from, Listing set, int channels, ImageOptions options,
            int classes) {
        int n = set.files().size();
        Pixels shape = decoded[from].channels(channels);
        int size = shape.levels().length;
        float[] x = new float[Math.multiplyExact(n, size)];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            float[] levels = decoded[from + i].channels(channels).levels();
            for (int j = 0; j < size; j++) {
                x[i * size + j] = options.value(levels[j]);
            }
            y[i] = set.labels().get(i);
        }
        return Examples.wrapTrusted(set.root().getFileName().toString(), x,
                new int[] {channels, shape.height(), shape.width()}, y, classes);
    }

    /** Decodes every file on a small pool, with progress; stops on the first bad file or on Stop. */
    private static Pixels[] decodeAll(Path root, List<Path> files, ImageOptions options) {
        Pixels[] out = new Pixels[files.size()];
        DataFileException[] failures = new DataFileException[files.size()];
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "layerwise-image-decoder");
            t.setDaemon(true);
            return t;
        });
        LoadProgress progress = new LoadProgress("Decoding images of " + root.getFileName(), files.size());
        long start = System.nanoTime();
        try {
            int chunk = Math.max(1, files.size() / (threads * 16));
            for (int from = 0; from < files.size(); from += chunk) {
                int lo = from;
                int hi = Math.min(files.size(), from + chunk);
                pool.execute(() -> {
                    for (int i = lo; i < hi && !failed.get(); i++) {
                        try {
                            Pixels p = Pixels.read(files.get(i));
                            if (options.color() != ImageOptions.Color.AUTO) {
                                p = p.channels(options.color() == ImageOptions.Color.GRAY ? 1 : 3);
                            }
                            out[i] = options.resizes() ? p.resize(options.height(), options.width()) : p;
                            done.incrementAndGet();
                        } catch (DataFileException e) {
                            failures[i] = e;
                            failed.set(true);
                        }
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                if (Interrupts.stopRequested()) {
                    throw new CancellationException("decoding the images of " + root + " was stopped after "
                            + done.get() + " of " + files.size() + "; nothing was kept");
                }
                progress.update(done.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("decoding the images of " + root + " was interrupted; nothing was kept");
        } finally {
            pool.shutdownNow();
        }
        for (DataFileException f : failures) {
            if (f != null) {
                progress.finish("Stopped at a bad image: " + f.file());
                throw f;
            }
        }
        progress.finish(String.format(Locale.ROOT, "Decoded %s images of %s in %.1f s; kept in memory, so running"
                + " the cell again does not decode them again", Shapes.count(files.size()), root.getFileName(),
                (System.nanoTime() - start) / 1e9));
        return out;
    }
}
