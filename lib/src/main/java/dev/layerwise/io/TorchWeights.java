package dev.layerwise.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.files.AtomicFiles;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.train.Learner;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's weights in the files PyTorch users exchange — safetensors and NumPy {@code .npz} —
 * under the names of the equivalent {@code nn.Sequential} ({@code 0.weight}, {@code 0.bias}, …;
 * see {@link TorchNames}). The format comes from the extension.
 * <pre>{@code
 * TorchWeights.save(learner, Path.of("mlp.safetensors"));   // or "mlp.npz"
 * TorchWeights.load(learner, Path.of("from-pytorch.npz"));   // a state_dict saved in Python
 * }</pre>
 * In Python the file loads with {@code model.load_state_dict(..., strict=True)} into the model
 * {@link TorchNames#sequential} prints, and gives the same predictions.
 */
public final class TorchWeights {
    private TorchWeights() {}

    /**
     * Writes every weight and buffer of the learner, in {@code state_dict} order, as float32 under
     * PyTorch's names; batch-norm layers also get PyTorch's {@code num_batches_tracked}, set to the
     * learner's step count. The file is written whole or not at all.
     *
     * @param learner the learner
     * @param file a path ending in {@code .safetensors} or {@code .npz}
     * @return the file
     * @throws IOException when the file cannot be written; an existing file keeps its content
     * @throws IllegalArgumentException for another extension, or a layer with no PyTorch equivalent
     */
    public static Path save(Learner learner, Path file) throws IOException {
        requireLearner("save", learner);
        TorchFormat format = TorchFormat.of("TorchWeights.save", file);
        TorchNames names = TorchNames.of(learner.net());
        Map<String, float[]> values = learner.parameters();
        long batches = learner.step();
        return AtomicFiles.write("TorchWeights.save", file, out -> write(names, values, batches, format, out));
    }

    private static void write(TorchNames names, Map<String, float[]> values, long batches, TorchFormat format,
            OutputStream out) throws IOException {
        try (NDManager manager = Layerwise.engine().newBaseManager()) {
            NDList list = new NDList();
            for (TorchNames.Entry e : names.entries()) {
                NDArray a = e.layerwise() == null ? manager.create(batches)
                        : manager.create(values.get(e.layerwise()), new Shape(e.shape()));
                a.setName(e.torch());
                list.add(a);
            }
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            list.encode(buffered, format.encoding());
            buffered.flush();
        }
    }

    /**
     * Overwrites the learner's weights and batch-norm statistics with those in a file saved by
     * {@link #save} or by PyTorch ({@code state_dict} of the equivalent {@code nn.Sequential}).
     * Everything is checked before any weight changes — the file whole, every expected name
     * present, no unknown name, each shape equal, every value finite — so a failed load leaves the
     * learner as it was. Float64 and float16 arrays are converted to float32, and the result says
     * so; bfloat16 is refused before decoding, because DJL's engine aborts the process on it; {@code num_batches_tracked} is accepted and ignored (Layerwise's batch norm
     * always uses its momentum). Optimizer state, history and step count are kept.
     *
     * @param learner the learner to overwrite
     * @param file a {@code .safetensors} or {@code .npz} file
     * @return what was loaded, converted and ignored
     * @throws IOException when the file is missing, truncated, corrupt or not of its format
     * @throws IllegalArgumentException when the file does not fit the net; the message lists each
     *     PyTorch name, its Layerwise name and both shapes
     */
    public static TorchLoad load(Learner learner, Path file) throws IOException {
        requireLearner("load", learner);
        TorchFormat format = TorchFormat.of("TorchWeights.load", file);
        TorchNames names = TorchNames.of(learner.net());
        List<TorchArray> arrays = TorchFileCheck.arrays(file, format);
        TorchMatch.Plan plan = TorchMatch.check(file, names, arrays);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, String> converted = new LinkedHashMap<>();
        try (NDManager manager = Layerwise.engine().newBaseManager()) {
            NDList decoded = decode(file, manager);
            for (Map.Entry<TorchNames.Entry, TorchArray> p : plan.load().entrySet()) {
                NDArray a = decoded.get(p.getKey().torch());
                if (a == null) {
                    throw TorchFileCheck.corrupt(file, "could not be decoded: array '" + p.getKey().torch() + "' is"
                            + " listed but DJL did not read it");
                }
                if (a.getDataType() != DataType.FLOAT32) {
                    converted.put(p.getKey().torch(), p.getValue().dtype());
                    a = a.toType(DataType.FLOAT32, false);
                }
                float[] v = a.toFloatArray();
                requireFinite(file, p.getKey(), v);
                values.put(p.getKey().layerwise(), v);
            }
        }
        overwrite(learner, values);
        TorchLoad result = new TorchLoad(file, format.extension(), List.copyOf(values.keySet()), converted,
                plan.ignored());
        if (!converted.isEmpty()) {
            System.out.println(result.conversionNote());
        }
        return result;
    }

    private static NDList decode(Path file, NDManager manager) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return NDList.decode(manager, in);
        } catch (RuntimeException e) {
            throw new IOException(file + " could not be decoded by DJL (" + e.getMessage() + "). Nothing was loaded;"
                    + " write the file again.", e);
        }
    }

    private static void requireFinite(Path file, TorchNames.Entry e, float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("TorchWeights.load(learner, " + file + "): " + e.torch() + " (Layerwise "
                        + e.layerwise() + ") holds " + v[i] + " at index " + i + " (as float32); weights must be finite."
                        + " Nothing was changed; check the model that wrote the file (it may have diverged).");
            }
        }
    }

    /** Writes all values, or none: on a failure part way, the old values are put back. */
    private static void overwrite(Learner learner, Map<String, float[]> values) {
        Map<String, float[]> before = learner.parameters();
        try {
            values.forEach(learner::parameter);
        } catch (RuntimeException | Error e) {
            before.forEach(learner::parameter);
            throw e;
        }
    }

    private static void requireLearner(String method, Learner learner) {
        if (learner == null) {
            throw new IllegalArgumentException("TorchWeights." + method + "(null, …): expected a learner, e.g. "
                    + "TorchWeights." + method + "(learner, Path.of(\"model.safetensors\")).");
        }
    }
}
