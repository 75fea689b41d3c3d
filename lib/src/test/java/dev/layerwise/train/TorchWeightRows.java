package dev.layerwise.train;

import ai.djl.ndarray.types.DataType;
import dev.layerwise.io.TorchForeignLayer;
import dev.layerwise.io.TorchNames;
import dev.layerwise.io.TorchTestFiles;
import dev.layerwise.io.TorchWeights;
import dev.layerwise.nn.Net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@link BadInputTableTest} for weights exchanged with PyTorch ({@code TorchWeights},
 * {@code TorchNames}). Each load row works on the shared learner ({@code Net.input(4).dense(8).relu().dense(3)},
 * PyTorch names {@code 0.weight} [8, 4], {@code 0.bias}, {@code 2.weight} [3, 8], {@code 2.bias}),
 * so the table also checks that a refused load leaves it exactly as it was.
 */
final class TorchWeightRows {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IOException> IO = IOException.class;
    private static final String AGAIN = "Write the file again; nothing was loaded.";

    private TorchWeightRows() {}

    static List<BadInputRows.Row> all(Path dir) {
        return List.of(
                row("TorchWeights.save", "extension .pt", IAE, "End the name with .safetensors or .npz; .pt pickles are"
                        + " neither read nor written.", l -> TorchWeights.save(l, dir.resolve("w.pt")),
                        ".safetensors or .npz", "pickles"),
                row("TorchWeights.save", "null learner", IAE, "Pass the learner.",
                        l -> TorchWeights.save(null, dir.resolve("w.npz")), "TorchWeights.save(null"),
                row("TorchWeights.load", "missing file", NoSuchFileException.class, "Check the path; the message lists"
                        + " the weight files in the folder.", l -> TorchWeights.load(l, dir.resolve("none.safetensors")),
                        "none.safetensors", "no such file"),
                row("TorchWeights.load", "truncated safetensors", IO, AGAIN,
                        l -> TorchWeights.load(l, TorchTestFiles.truncate(saved(l, dir, "cut.safetensors"), 0.7)),
                        "cut.safetensors", "is truncated", "Nothing was loaded"),
                row("TorchWeights.load", "truncated npz", IO, AGAIN,
                        l -> TorchWeights.load(l, TorchTestFiles.truncate(saved(l, dir, "cut.npz"), 0.7)),
                        "cut.npz", "truncated or corrupt", "Nothing was loaded"),
                row("TorchWeights.load", "a text file named .safetensors", IO, "Load a safetensors file.",
                        l -> TorchWeights.load(l, text(dir, "notes.safetensors")), "is not a safetensors file"),
                row("TorchWeights.load", "a file that is not a zip named .npz", IO, "Load an .npz archive (np.savez).",
                        l -> TorchWeights.load(l, text(dir, "notes.npz")), "is not an .npz file"),
                row("TorchWeights.load", "a safetensors file named .npz", IO, "Rename it .safetensors.",
                        l -> TorchWeights.load(l, Files.move(saved(l, dir, "st.safetensors"), dir.resolve("st.npz"))),
                        "looks like a safetensors file"),
                row("TorchWeights.load", "a single .npy array", IO, "Save the state_dict with np.savez(path, **arrays).",
                        l -> TorchWeights.load(l, Files.write(dir.resolve("one.npz"), new byte[] {(byte) 0x93, 'N', 'U',
                                'M', 'P', 'Y', 1, 0, 0, 0})), "single .npy array", "np.savez"),
                row("TorchWeights.load", "safetensors header not JSON", IO, AGAIN,
                        l -> TorchWeights.load(l, Files.write(dir.resolve("json.safetensors"),
                                new byte[] {4, 0, 0, 0, 0, 0, 0, 0, '{', 'x', ':', '}'})), "not valid JSON"),
                row("TorchWeights.load", "npz entry with a bad checksum", IO, AGAIN,
                        l -> TorchWeights.load(l, TorchTestFiles.flipByte(TorchTestFiles.storedNpz(dir.resolve("crc.npz"),
                                TorchTestFiles.arrays(l), 1), 120)), "is corrupt", "fails its checksum"),
                row("TorchWeights.load", "npz array of a newer .npy version", IO, "Save it again with np.savez (format"
                        + " version 1.0).", l -> TorchWeights.load(l, TorchTestFiles.storedNpz(dir.resolve("v4.npz"),
                                TorchTestFiles.arrays(l), 4)), "version 4.0", "newer than"),
                row("TorchWeights.load", "bfloat16 weights", IO, "Save float32 in Python: {k: v.float() for k, v in"
                        + " sd.items()}.", l -> TorchWeights.load(l, TorchTestFiles.rawSafetensors(dir.resolve(
                                "bf16.safetensors"), "0.weight", "BF16", new long[] {8, 4}, 2)), "'0.weight'", "BF16",
                        "aborts the process", "v.float()"),
                row("TorchWeights.load", "a weight of the wrong shape", IAE, "Load into the net that matches the file;"
                        + " the message shows its nn.Sequential.", l -> TorchWeights.load(l,
                                edited(l, dir, "shape.safetensors", a -> a.put("0.weight", values(9, 4)))),
                        "0.weight", "dense_1.weight", "layer 0 'dense_1'", "[9, 4]", "[8, 4]", "nothing was changed"),
                row("TorchWeights.load", "a missing parameter", IAE, "Save every array of the model's state_dict.",
                        l -> TorchWeights.load(l, edited(l, dir, "missing.npz", a -> a.remove("2.bias"))),
                        "2.bias", "dense_2.bias", "missing from the file"),
                row("TorchWeights.load", "an unknown extra parameter", IAE, "Load into the net that matches the file.",
                        l -> TorchWeights.load(l, edited(l, dir, "extra.safetensors", a -> a.put("5.weight",
                                values(3, 3)))), "5.weight", "not in the net"),
                row("TorchWeights.load", "integer weights", IAE, "Save weights as floating point, e.g. float32.",
                        l -> TorchWeights.load(l, edited(l, dir, "int.safetensors", a -> a.put("2.bias",
                                a.get("2.bias").as(DataType.INT64)))), "2.bias", "I64", "floating point"),
                row("TorchWeights.load", "a NaN weight", IAE, "Check the model that wrote the file.",
                        l -> TorchWeights.load(l, edited(l, dir, "nan.npz", a -> {
                            float[] v = new float[3];
                            v[1] = Float.NaN;
                            a.put("2.bias", new TorchTestFiles.Values(new long[] {3}, v, DataType.FLOAT32));
                        })), "2.bias", "NaN at index 1", "must be finite"),
                row("TorchNames.of", "a layer with no PyTorch equivalent", IAE, "Use the layers that map (the message"
                        + " lists them).", l -> TorchNames.of(Net.input(4).add(new TorchForeignLayer("mine"))),
                        "'mine'", "no PyTorch equivalent"));
    }

    private static BadInputRows.Row row(String entry, String bad, Class<? extends Throwable> type, String fix,
            BadInputRows.Call call, String... words) {
        return new BadInputRows.Row(entry, bad, type, fix, List.of(words), BadInputRows::shared, call, null);
    }

    private static Path saved(Learner learner, Path dir, String name) throws IOException {
        return TorchWeights.save(learner, dir.resolve(name));
    }

    private static Path text(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), "just some notes, not weights\n", StandardCharsets.UTF_8);
    }

    private static TorchTestFiles.Values values(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return new TorchTestFiles.Values(shape, new float[(int) n], DataType.FLOAT32);
    }

    /** The learner's own arrays, edited, written in the format of the name. */
    private static Path edited(Learner learner, Path dir, String name, Edit edit) throws IOException {
        Map<String, TorchTestFiles.Values> arrays = TorchTestFiles.arrays(learner);
        edit.apply(arrays);
        return TorchTestFiles.write(dir.resolve(name), arrays);
    }

    @FunctionalInterface
    private interface Edit {
        void apply(Map<String, TorchTestFiles.Values> arrays);
    }
}
