package dev.layerwise.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.train.Learner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Weight files made to order for tests: a learner's arrays edited, truncated, corrupted. */
public final class TorchTestFiles {
    private TorchTestFiles() {}

    /**
     * One array to write.
     *
     * @param shape its shape
     * @param values its values, row-major
     * @param type the element type to write them as
     */
    public record Values(long[] shape, float[] values, DataType type) {
        /** @return the same array written as another type */
        public Values as(DataType newType) {
            return new Values(shape, values, newType);
        }
    }

    /**
     * A learner's arrays under PyTorch names, as float32, in {@code state_dict} order (without
     * {@code num_batches_tracked}); the map can be edited before {@link #write}.
     *
     * @param learner the learner
     * @return PyTorch name → values
     */
    public static Map<String, Values> arrays(Learner learner) {
        Map<String, float[]> p = learner.parameters();
        Map<String, Values> out = new LinkedHashMap<>();
        for (TorchNames.Entry e : TorchNames.of(learner.net()).entries()) {
            if (e.layerwise() != null) {
                out.put(e.torch(), new Values(e.shape(), p.get(e.layerwise()), DataType.FLOAT32));
            }
        }
        return out;
    }

    /**
     * Writes arrays with DJL's encoder, in the format of the file's extension.
     *
     * @param file a {@code .safetensors} or {@code .npz} path
     * @param arrays name → values
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path write(Path file, Map<String, Values> arrays) throws IOException {
        try (NDManager manager = Layerwise.engine().newBaseManager(); OutputStream out = Files.newOutputStream(file)) {
            NDList list = new NDList();
            arrays.forEach((name, v) -> {
                NDArray a = manager.create(v.values(), new Shape(v.shape())).toType(v.type(), false);
                a.setName(name);
                list.add(a);
            });
            list.encode(out, TorchFormat.of("write", file).encoding());
        }
        return file;
    }

    /**
     * Writes float32 arrays as NumPy's {@code np.savez} does: a zip of stored (uncompressed) {@code .npy} entries.
     *
     * @param file the {@code .npz} path
     * @param arrays name → values (written as float32)
     * @param npyVersion the {@code .npy} format's major version to claim (1 is NumPy's default)
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path storedNpz(Path file, Map<String, Values> arrays, int npyVersion) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, Values> a : arrays.entrySet()) {
                byte[] npy = npy(a.getValue(), npyVersion);
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                e.setMethod(ZipEntry.STORED);
                e.setSize(npy.length);
                CRC32 crc = new CRC32();
                crc.update(npy);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(npy);
                zip.closeEntry();
            }
        }
        return file;
    }

    /** One {@code .npy} array, little-endian float32, C order. */
    static byte[] npy(Values v, int major) {
        String shape = Arrays.stream(v.shape()).mapToObj(Long::toString).reduce((a, b) -> a + ", " + b).orElse("")
                + (v.shape().length == 1 ? "," : "");
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }");
        int lengthBytes = major == 1 ? 2 : 4;
        while ((6 + 2 + lengthBytes + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        int n = header.length();
        out.writeBytes(lengthBytes == 2 ? new byte[] {(byte) n, (byte) (n >> 8)}
                : new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
        out.writeBytes(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(v.values().length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : v.values()) {
            data.putFloat(f);
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /**
     * Writes a safetensors file of one array by hand, for element types DJL cannot make arrays of.
     *
     * @param file the path
     * @param name the array's name
     * @param dtype its type, e.g. {@code BF16}
     * @param shape its shape
     * @param bytesPerValue the type's size
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path rawSafetensors(Path file, String name, String dtype, long[] shape, int bytesPerValue)
            throws IOException {
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        String json = "{\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + Arrays.toString(shape)
                + ",\"data_offsets\":[0," + count * bytesPerValue + "]}}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 + header.length + (int) (count * bytesPerValue))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header);
        return Files.write(file, out.array());
    }

    /**
     * Cuts a file to a share of its bytes, as an interrupted copy would.
     *
     * @param file the file, changed in place
     * @param fraction the share kept
     * @return the file
     * @throws IOException when it cannot be rewritten
     */
    public static Path truncate(Path file, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(all, (int) (all.length * fraction)));
    }

    /**
     * Flips the bits of one byte.
     *
     * @param file the file, changed in place
     * @param offset the byte's position from the start
     * @return the file
     * @throws IOException when it cannot be rewritten
     */
    public static Path flipByte(Path file, int offset) throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[offset] ^= (byte) 0xFF;
        return Files.write(file, all);
    }
}
