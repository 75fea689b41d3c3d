package dev.layerwise.io;

import static dev.layerwise.io.TorchFileCheck.corrupt;

import dev.layerwise.nn.Shapes;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an {@code .npz} archive the way {@link TorchFileCheck} checks safetensors: a complete zip
 * whose every entry is an {@code .npy} array of a readable type with all its bytes and a matching
 * checksum.
 */
final class TorchNpzCheck {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /**
     * NumPy type codes (without the byte-order mark) → safetensors' names, for the types DJL reads
     * ({@code i2} is not one: see {@link TorchArray#UNREADABLE}).
     */
    private static final Map<String, String> TYPES = Map.of("f2", "F16", "f4", "F32", "f8", "F64", "i1", "I8",
            "i4", "I32", "i8", "I64", "u1", "U8", "b1", "BOOL");

    private TorchNpzCheck() {}

    static List<TorchArray> arrays(Path file, long size) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(9);
        }
        if (head.length >= 6 && Arrays.equals(Arrays.copyOf(head, 6), NPY_MAGIC)) {
            throw corrupt(file, "is a single .npy array, not an .npz archive of named arrays; in Python save the"
                    + " state_dict with np.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})");
        }
        if (head.length < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw corrupt(file, "is not an .npz file (a zip archive of .npy arrays)" + (head.length == 9 && head[8] == '{'
                    ? "; it looks like a safetensors file, so name it .safetensors" : ""));
        }
        List<TorchArray> arrays = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    throw corrupt(file, "holds '" + e.getName() + "', which is not an .npy array; an .npz archive holds"
                            + " only name.npy entries");
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
                    arrays.add(npy(file, name, in));
                    if (e.getCrc() != -1 && in.getChecksum().getValue() != e.getCrc()) {
                        throw corrupt(file, "is corrupt: array '" + name + "' fails its checksum");
                    }
                }
            }
        } catch (ZipException | EOFException z) {
            throw corrupt(file, "is truncated or corrupt: it is not a complete, readable zip archive (" + z.getMessage()
                    + ")");
        }
        return arrays;
    }

    /** Reads one {@code .npy} entry to its end: header, then exactly the bytes its shape needs. */
    private static TorchArray npy(Path file, String name, InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), NPY_MAGIC)) {
            throw corrupt(file, "is corrupt: entry '" + name + ".npy' does not start like an .npy array");
        }
        int major = magic[6];
        if (major < 1 || major > 3 || magic[7] != 0) {
            throw corrupt(file, "holds '" + name + "' in .npy format version " + major + "." + magic[7] + ", "
                    + (major > 3 ? "newer than" : "not one of") + " the versions Layerwise reads (1.0 to 3.0); save it"
                    + " again with a NumPy that writes version 1.0, the default");
        }
        byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(Arrays.copyOf(lengthBytes, 4)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        byte[] headerBytes = in.readNBytes((int) Math.min(headerLength, 1 << 20));
        if (lengthBytes.length < (major == 1 ? 2 : 4) || headerBytes.length != headerLength) {
            throw corrupt(file, "is corrupt: entry '" + name + ".npy' ends inside its header");
        }
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw corrupt(file, "is corrupt: the header of '" + name + ".npy' lacks descr, fortran_order or shape: "
                    + header.trim());
        }
        String code = descr.group(1);
        String dtype = TYPES.get(code.length() == 3 ? code.substring(1) : "");
        if (dtype == null || code.startsWith(">")) {
            throw corrupt(file, "holds '" + name + "' as NumPy type '" + code + "', which Layerwise does not read"
                    + (code.startsWith(">") ? " (big-endian)" : "") + "; save weights as little-endian float32:"
                    + " a.astype('<f4')");
        }
        if (fortran.group(1).equals("True")) {
            throw corrupt(file, "holds '" + name + "' in Fortran (column-major) order, which Layerwise does not read;"
                    + " save np.ascontiguousarray(a) instead");
        }
        long[] shape = shape(file, name, shapeText.group(1));
        long expected = TorchArray.bytes(dtype);
        try {
            for (long d : shape) {
                expected = Math.multiplyExact(expected, d);
            }
        } catch (ArithmeticException e) {
            throw corrupt(file, "is corrupt: '" + name + ".npy' claims the impossible shape " + Shapes.format(shape));
        }
        long got = in.transferTo(OutputStream.nullOutputStream());
        if (got != expected) {
            throw corrupt(file, (got < expected ? "is truncated or corrupt" : "is corrupt") + ": array '" + name + "' of"
                    + " shape " + Shapes.format(shape) + " " + dtype + " needs " + expected
                    + " bytes of values, but its entry has " + got);
        }
        return new TorchArray(name, dtype, shape);
    }

    private static long[] shape(Path file, String name, String text) throws IOException {
        String[] parts = text.split(",");
        List<Long> dims = new ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank()) {
                try {
                    long d = Long.parseLong(p.trim().replace("L", ""));
                    if (d < 0) {
                        throw new NumberFormatException();
                    }
                    dims.add(d);
                } catch (NumberFormatException e) {
                    throw corrupt(file, "is corrupt: the shape of '" + name + ".npy' is (" + text + ")");
                }
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
