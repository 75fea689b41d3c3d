package dev.layerwise.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.layerwise.runtime.Layerwise;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NumPy's {@code .npy} and {@code .npz} files as features, labels and targets; package-private,
 * behind {@link Datasets#numpy} and {@link Datasets#npz}. Decoding is DJL's ({@link NDList#decode}),
 * so it starts the engine; arrays are copied into Java and their native memory freed at once.
 * Integer and boolean label arrays give class labels, floating-point ones regression targets.
 */
final class NumpyFiles {
    private NumpyFiles() {}

    /** One decoded array: name, shape, whether it holds integers, and its values. */
    record Array(String name, long[] shape, boolean integers, float[] floats, long[] longs) {
        int count() {
            return shape.length == 0 ? 1 : (int) shape[0];
        }

        int[] sampleShape() {
            if (shape.length <= 1) {
                return new int[] {1};
            }
            int[] s = new int[shape.length - 1];
            for (int d = 1; d < shape.length; d++) {
                s[d - 1] = Math.toIntExact(shape[d]);
            }
            return s;
        }
    }

    /** Every array in a file, by name ({@code arr_0}, … for unnamed ones); one for a .npy file. */
    static Map<String, Array> read(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("expected the path of a .npy or .npz file, got null");
        }
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(6);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, 0, "does not exist (working folder " + Path.of("").toAbsolutePath() + ")",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        boolean npy = magic.length == 6 && (magic[0] & 0xFF) == 0x93 && new String(magic, 1, 5,
                java.nio.charset.StandardCharsets.ISO_8859_1).equals("NUMPY");
        boolean npz = magic.length >= 2 && magic[0] == 'P' && magic[1] == 'K';
        if (!npy && !npz) {
            throw new DataFileException(file, 0, "is neither a .npy file (it would start with \\x93NUMPY) nor a .npz"
                    + " archive (PK); write it with np.save(path, array) or np.savez(path, x=..., y=...)");
        }
        checkHeaders(file, npz);
        Map<String, Array> out = new LinkedHashMap<>();
        try (NDManager manager = Layerwise.engine().newBaseManager();
                InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            NDList list = NDList.decode(manager, in);
            for (int i = 0; i < list.size(); i++) {
                NDArray a = list.get(i);
                String name = a.getName() == null || a.getName().isEmpty() ? "arr_" + i : a.getName();
                out.put(name, copy(file, name, a));
            }
        } catch (IllegalArgumentException e) {
            throw explain(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new DataFileException(file, 0, "holds no arrays");
        }
        return out;
    }

    /** Element types DJL's PyTorch engine takes safely (int16 and uint16 … uint64 crash it natively). */
    private static final java.util.Set<String> READABLE = java.util.Set.of("f2", "f4", "f8", "u1", "i1", "i4",
            "i8", "b1");

    /**
     * Reads every array's header before DJL decodes anything: NumPy's header is a Python dict such
     * as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (150, 4), }}. Big-endian data (which
     * the engine would read as little-endian garbage), Fortran order and element types the engine
     * cannot take are refused here, with the fix.
     */
    private static void checkHeaders(Path file, boolean npz) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (!npz) {
                checkHeader(file, "the array", raw);
                return;
            }
            java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(raw);
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4)
                        : e.getName();
                checkHeader(file, "array '" + name + "'", zip);
            }
        } catch (IOException e) {
            throw new DataFileException(file, 0, "could not be read as a NumPy file (" + e.getMessage() + "); write it"
                    + " again with np.save or np.savez", e);
        }
    }

    private static void checkHeader(Path file, String what, InputStream in) throws IOException {
        byte[] start = in.readNBytes(10);
        if (start.length < 10 || (start[0] & 0xFF) != 0x93 || start[1] != 'N') {
            throw new DataFileException(file, 0, what + " is not a NumPy array (.npy); an .npz archive may hold only"
                    + " arrays written by np.savez");
        }
        int length = (start[8] & 0xFF) | (start[9] & 0xFF) << 8;
        if (start[6] >= 2) {
            byte[] more = in.readNBytes(2);
            length |= (more[0] & 0xFF) << 16 | (more[1] & 0xFF) << 24;
        }
        String header = new String(in.readNBytes(Math.min(length, 1 << 16)), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher descr = java.util.regex.Pattern.compile("'descr':\\s*'([^']*)'").matcher(header);
        String type = descr.find() ? descr.group(1) : "?";
        if (header.matches("(?s).*'fortran_order':\\s*True.*")) {
            throw new DataFileException(file, 0, what + " is stored in Fortran (column-major) order; save a C-ordered"
                    + " copy: np.save(path, np.ascontiguousarray(x))");
        }
        if (type.startsWith(">")) {
            throw new DataFileException(file, 0, what + " is big-endian ('" + type + "'); save it little-endian, e.g."
                    + " x.astype('<" + type.substring(1) + "')");
        }
        if (type.length() < 2 || !READABLE.contains(type.substring(1))) {
            throw new DataFileException(file, 0, what + " has element type '" + type + "', which is not one of"
                    + " float16/32/64, int8/32/64, uint8 or bool (the engine cannot take int16 or unsigned 16- to"
                    + " 64-bit integers); convert it first, e.g. x.astype('float32') for features or"
                    + " y.astype('int64') for class ids");
        }
    }

    private static Array copy(Path file, String name, NDArray a) {
        DataType type = a.getDataType();
        long[] shape = a.getShape().getShape();
        if (!type.isFloating() && !type.isInteger() && !type.isBoolean()) {
            throw new DataFileException(file, 0, "array '" + name + "' holds " + type + " values, not numbers; convert"
                    + " it in Python first, e.g. x.astype('float32')");
        }
        boolean integers = type.isInteger() || type.isBoolean();
        if (integers) {
            return new Array(name, shape, true, null, a.toType(DataType.INT64, false).toLongArray());
        }
        return new Array(name, shape, false, a.toType(DataType.FLOAT32, false).toFloatArray(), null);
    }

    /** DJL's decoding errors, said with the file's name and a fix. */
    private static DataFileException explain(Path file, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
        String fix;
        if (m.contains("'fortran_order': True")) {
            fix = "the array is stored in Fortran (column-major) order; save a C-ordered copy:"
                    + " np.save(path, np.ascontiguousarray(x))";
        } else if (m.contains("Unsupported dataType")) {
            fix = "its element type (" + m.substring(m.indexOf("Unsupported dataType") + 21).trim() + ") is not a number"
                    + " type DJL reads (strings and Python objects are not); convert it first, e.g. x.astype('float32')";
        } else {
            fix = "it is not a NumPy file DJL can decode (" + m + "); write it again with np.save or np.savez";
        }
        return new DataFileException(file, 0, fix, e);
    }

    /** Features and labels (or targets) as examples, checked against each other. */
    static Examples examples(String name, Path xFile, Array x, Path yFile, Array y, int numClasses) {
        if (x.shape().length == 0) {
            throw new DataFileException(xFile, 0, "array '" + x.name() + "' is a single number; features need one row"
                    + " per example, shape [n, ...]");
        }
        float[] features = x.integers() ? toFloats(x.longs()) : x.floats();
        if (y == null) {
            return Examples.wrap(name, features, x.sampleShape(), null, 0);
        }
        if (y.count() != x.count() || y.shape().length == 0) {
            throw new DataFileException(yFile, 0, "array '" + y.name() + "' has shape " + Arrays.toString(y.shape())
                    + ", so " + (y.shape().length == 0 ? 1 : y.count()) + " rows, but the features '" + x.name() + "' in "
                    + xFile.getFileName() + " have " + x.count() + " rows " + Arrays.toString(x.shape())
                    + "; features and labels need one row per example each");
        }
        if (!y.integers()) {
            return Examples.wrap(name, features, x.sampleShape(), null, 0).withTargets(y.floats(), y.sampleShape());
        }
        if (y.shape().length > 2 || (y.shape().length == 2 && y.shape()[1] != 1)) {
            throw new DataFileException(yFile, 0, "integer array '" + y.name() + "' has shape " + Arrays.toString(y.shape())
                    + ", not one class id per example (shape [n]); if it is one-hot, save the class ids:"
                    + " np.save(path, y.argmax(axis=1)); for regression targets save floats: y.astype('float32')");
        }
        long[] ids = y.longs();
        long max = -1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || (numClasses > 0 && ids[i] >= numClasses)) {
                throw new DataFileException(yFile, 0, "label " + ids[i] + " at index " + i + " of '" + y.name()
                        + "' is outside the class range " + (numClasses > 0 ? "0 … " + (numClasses - 1) + " ("
                        + numClasses + " classes)" : "(class ids start at 0)") + "; are the labels 1-based"
                        + " (np.save(path, y - 1)), or is the number of classes too small?");
            }
            max = Math.max(max, ids[i]);
        }
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            labels[i] = (int) ids[i];
        }
        return Examples.wrap(name, features, x.sampleShape(), labels, numClasses > 0 ? numClasses : (int) max + 1);
    }

    /** The array of that name, or an error listing the names there are. */
    static Array pick(Path file, Map<String, Array> arrays, String key) {
        Array a = arrays.get(key);
        if (a == null) {
            throw new DataFileException(file, 0, "has no array named '" + key + "'; it holds "
                    + Numbers.list(new ArrayList<>(arrays.keySet()), 20));
        }
        return a;
    }

    /** The only array of a .npy file. */
    static Array single(Path file) {
        Map<String, Array> arrays = read(file);
        if (arrays.size() != 1) {
            throw new DataFileException(file, 0, "holds " + arrays.size() + " arrays (" + Numbers.list(
                    new ArrayList<>(arrays.keySet()), 20) + "); read an .npz archive with Datasets.npz(file, featuresKey,"
                    + " labelsKey)");
        }
        return arrays.values().iterator().next();
    }

    /** The usual names of features and labels in an .npz archive, train then test: Keras' and short ones. */
    static List<String[]> conventions() {
        return List.of(new String[] {"x_train", "y_train", "x_test", "y_test"}, new String[] {"x", "y", null, null},
                new String[] {"X", "y", null, null}, new String[] {"features", "labels", null, null});
    }

    private static float[] toFloats(long[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
