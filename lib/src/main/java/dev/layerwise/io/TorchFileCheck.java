package dev.layerwise.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.layerwise.nn.Shapes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads what a safetensors or npz file says it holds — names, element types, shapes — and checks
 * that the bytes are all there, before any value is decoded. A truncated or corrupt file, or one
 * that is not of its format, fails here with the file and what is wrong; DJL's decoder then only
 * sees files that are whole.
 */
final class TorchFileCheck {
    /** safetensors' own limit on the JSON header. */
    private static final long MAX_HEADER = 100_000_000;

    private TorchFileCheck() {}

    /**
     * The arrays a file holds, checked for completeness.
     *
     * @param file the file
     * @param format its format, from the extension
     * @return its arrays, in the file's order
     * @throws IOException when the file is missing, unreadable, truncated, corrupt or of another format
     */
    static List<TorchArray> arrays(Path file, TorchFormat format) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file; check the path (the folder holds "
                    + siblings(file) + ")");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, not a weight file; give the path of a " + format.extension()
                    + " file.");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new IOException(file + " is empty (0 bytes): it is not a " + format.extension() + " file, or it was"
                    + " not written to the end; write it again.");
        }
        if (size > Integer.MAX_VALUE) {
            throw new IOException(file + " holds " + size + " bytes; DJL reads weight files of at most 2 GiB.");
        }
        return format == TorchFormat.SAFETENSORS ? safetensors(file, size) : TorchNpzCheck.arrays(file, size);
    }

    private static List<TorchArray> safetensors(Path file, long size) throws IOException {
        if (size < 8) {
            throw corrupt(file, "is truncated: it has " + size + " bytes, and a safetensors file starts with an 8-byte"
                    + " header length");
        }
        try (InputStream in = Files.newInputStream(file)) {
            long headerLength = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER) {
                throw corrupt(file, "is not a safetensors file: its first 8 bytes should give the length of its JSON"
                        + " header, but read " + headerLength + (looksLikeNpz(file) ? "; it looks like an .npz archive,"
                        + " so name it .npz" : ""));
            }
            if (8 + headerLength > size) {
                throw corrupt(file, "is truncated or not a safetensors file: its header says " + headerLength
                        + " bytes of JSON follow, but the file has only " + (size - 8) + " bytes after the length");
            }
            String json = new String(in.readNBytes((int) headerLength), StandardCharsets.UTF_8);
            return entries(file, json, size - 8 - headerLength);
        }
    }

    private static List<TorchArray> entries(Path file, String json, long dataBytes) throws IOException {
        JsonObject header;
        try {
            JsonElement parsed = json.startsWith("{") ? JsonParser.parseString(json) : null;
            if (parsed == null || !parsed.isJsonObject()) {
                throw corrupt(file, "is not a safetensors file: its header is not a JSON object (it starts with '"
                        + printable(json) + "')");
            }
            header = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw corrupt(file, "is corrupt: its header is not valid JSON (" + firstLine(e) + ")");
        }
        List<TorchArray> arrays = new ArrayList<>();
        List<long[]> spans = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            try {
                JsonObject a = e.getValue().getAsJsonObject();
                String dtype = a.get("dtype").getAsString();
                long[] shape = longs(a.get("shape").getAsJsonArray());
                long[] span = longs(a.get("data_offsets").getAsJsonArray());
                int bytes = TorchArray.bytes(dtype);
                if (bytes < 0 || TorchArray.UNREADABLE.contains(dtype)) {
                    throw corrupt(file, "holds '" + e.getKey() + "' as " + dtype + ", a type DJL cannot read"
                            + (TorchArray.UNREADABLE.contains(dtype) ? " (its PyTorch engine aborts the process on it)"
                                    : "") + "; save the weights as float32 in Python:"
                            + " {k: v.float() for k, v in model.state_dict().items()}");
                }
                long count = 1;
                for (long d : shape) {
                    if (d < 0) {
                        throw new IllegalStateException("negative dimension");
                    }
                    count = Math.multiplyExact(count, d);
                }
                if (span.length != 2 || span[0] < 0 || span[1] - span[0] != Math.multiplyExact(count, bytes)) {
                    throw corrupt(file, "is corrupt: array '" + e.getKey() + "' of shape " + Shapes.format(shape)
                            + " " + dtype + " needs " + count * bytes + " bytes, but its data_offsets are "
                            + a.get("data_offsets"));
                }
                arrays.add(new TorchArray(e.getKey(), dtype, shape));
                spans.add(span);
            } catch (RuntimeException bad) {
                throw corrupt(file, "is corrupt: the header's entry for '" + e.getKey() + "' is " + e.getValue()
                        + "; expected {\"dtype\": \"F32\", \"shape\": [...], \"data_offsets\": [begin, end]}");
            }
        }
        spans.sort(Comparator.comparingLong(s -> s[0]));
        long end = 0;
        for (long[] s : spans) {
            if (s[0] != end) {
                throw corrupt(file, "is corrupt: its arrays' data_offsets leave a gap or overlap at byte " + end);
            }
            end = s[1];
        }
        if (end > dataBytes) {
            throw corrupt(file, "is truncated: its arrays need " + end + " bytes after the header, but only " + dataBytes
                    + " are there");
        }
        if (end < dataBytes) {
            throw corrupt(file, "is corrupt: it has " + (dataBytes - end) + " bytes after its last array");
        }
        return arrays;
    }

    private static long[] longs(JsonArray a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    private static boolean looksLikeNpz(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replace("com.google.gson.stream.MalformedJsonException: ", "");
    }

    private static String printable(String s) {
        String head = s.length() > 16 ? s.substring(0, 16) : s;
        return head.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** A complaint about a file, naming it and saying that nothing was loaded. */
    static IOException corrupt(Path file, String what) {
        return new IOException(file + " " + what + ". Nothing was loaded; write the file again (TorchWeights.save,"
                + " or safetensors / np.savez in Python).");
    }

    private static String siblings(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return "nothing: the folder does not exist";
        }
        try (var list = Files.list(folder)) {
            List<String> names = list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".safetensors") || n.endsWith(".npz")).sorted().limit(10).toList();
            return names.isEmpty() ? "no .safetensors or .npz file" : String.join(", ", names);
        } catch (IOException e) {
            return "files that cannot be listed";
        }
    }
}
