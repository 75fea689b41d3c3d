package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.layerwise.data.Dataset;
import dev.layerwise.files.AtomicFiles;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.NetJson;
import dev.layerwise.optim.OptimizerJson;
import dev.layerwise.optim.ParamState;
import dev.layerwise.runtime.Layerwise;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A learner in one file: a zip holding {@code learner.json} (the net's specification, loss,
 * optimizer with its schedules, reduce-on-plateau's rate factor, per-layer rates, frozen layers, step and epoch counters, seed,
 * data description, library and format version), {@code weights.safetensors} (every parameter and
 * buffer by name), {@code optimizer.safetensors} (each parameter's optimizer state, named
 * {@code dense_1.weight/velocity}) and {@code history.json}. The file is written beside its target
 * and renamed over it, so a reader never sees half of one. Reading checks everything before it
 * makes the learner. Training continues exactly: the next {@code fit} seeds libtorch from the seed
 * and step, and the data order comes from the data's own seed and the epoch, so a loaded learner
 * given the same data takes the same steps as one that never stopped.
 */
final class LearnerFile {
    /**
     * Bumped when the layout changes; a file with a higher number is refused. Format 2 adds the
     * optimizer's {@code clipGradNorm}, {@code noDecayOn} and {@code decayWeightsOnly}; format 1
     * files, which lack them, load with them off.
     */
    static final int FORMAT = 2;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().setLenient()
            .create();

    private LearnerFile() {}

    /** Writes the learner, atomically. */
    static Path save(Learner learner, Path file) throws IOException {
        TrainingState state = learner.state();
        JsonObject meta = describe(learner, state);
        byte[] weights = encode(state.model().arrays());
        Map<String, NDArray> slots = new LinkedHashMap<>();
        JsonObject steps = new JsonObject();
        state.optimizerStates().forEach((param, s) -> {
            s.slots().forEach((slot, a) -> slots.put(param + "/" + slot, a));
            steps.addProperty(param, s.steps());
        });
        meta.add("optimizerSteps", steps);
        byte[] optimizer = encode(slots);
        byte[] history = HistoryJson.write(learner.history()).getBytes(StandardCharsets.UTF_8);
        return AtomicFiles.write("Learner.save", file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                entry(zip, "learner.json", GSON.toJson(meta).getBytes(StandardCharsets.UTF_8));
                entry(zip, "weights.safetensors", weights);
                entry(zip, "optimizer.safetensors", optimizer);
                entry(zip, "history.json", history);
            }
        });
    }

    private static JsonObject describe(Learner learner, TrainingState state) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("library", Layerwise.VERSION);
        o.addProperty("saved", Instant.now().toString());
        o.add("net", NetJson.write(learner.net()));
        o.addProperty("loss", learner.loss().name());
        o.add("optimizer", OptimizerJson.write(learner.optimizer()));
        o.addProperty("step", state.step());
        o.addProperty("epoch", state.epoch());
        o.addProperty("optimizerStep", state.optimizerStep());
        o.addProperty("rateFactor", state.rateFactor());
        o.addProperty("seed", state.seed());
        o.addProperty("device", state.device().toString());
        JsonObject rates = new JsonObject();
        state.controls().layerFactors(state.model().specs()).forEach(rates::addProperty);
        o.add("layerRates", rates);
        o.add("frozen", GSON.toJsonTree(state.controls().frozen()));
        Dataset data = learner.data();
        JsonObject d = new JsonObject();
        d.addProperty("name", data.name());
        d.addProperty("size", data.size());
        d.addProperty("batchSize", data.batchSize());
        d.addProperty("seed", data.seed());
        o.add("data", d);
        o.addProperty("summary", learner.net().layers().size() + " layers, " + learner.net().paramCount()
                + " parameters, " + learner.optimizer().describe());
        EpochRecord last = learner.history().lastEpoch();
        if (last != null) {
            JsonObject e = new JsonObject();
            e.addProperty("loss", last.loss());
            e.addProperty("testAccuracy", last.testAccuracy());
            o.add("lastEpoch", e);
        }
        return o;
    }

    /** Reads a learner for the given data; nothing is made unless the whole file is sound. */
    static Learner load(Path file, Dataset data) {
        Map<String, byte[]> parts = read(file);
        JsonObject meta = json(file, parts, "learner.json").getAsJsonObject();
        int format = meta.has("format") ? meta.get("format").getAsInt() : -1;
        if (format > FORMAT || format < 1) {
            throw new IllegalArgumentException(file + " has format " + format + " (library " + text(meta, "library")
                    + "); this Layerwise " + Layerwise.VERSION + " reads format " + FORMAT + " and older. Load it with"
                    + " the version that wrote it, or a newer one.");
        }
        Net net;
        Learner learner;
        try {
            net = NetJson.read(meta.getAsJsonObject("net"));
            learner = Learner.of(net, data).loss(Loss.named(meta.get("loss").getAsString()))
                    .optimizer(OptimizerJson.read(meta.getAsJsonObject("optimizer")))
                    .seed(meta.get("seed").getAsLong());
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": learner.json is damaged (" + e + "); it was not written by"
                    + " this Layerwise, or was edited.", e);
        }
        JsonObject d = meta.getAsJsonObject("data");
        if (d != null && (d.get("size").getAsInt() != data.size() || d.get("batchSize").getAsInt() != data.batchSize())) {
            System.out.println("Note: " + file.getFileName() + " was trained on " + d.get("name").getAsString() + " ("
                    + d.get("size").getAsInt() + " examples, batch " + d.get("batchSize").getAsInt() + "); continuing on "
                    + data.name() + " (" + data.size() + " examples, batch " + data.batchSize() + ").");
        }
        TrainingState state = learner.state();
        try (NDManager scratch = NDManager.newBaseManager()) {
            NDList weights = decode(file, parts, "weights.safetensors", scratch);
            NDList slots = decode(file, parts, "optimizer.safetensors", scratch);
            WeightCheck.requireComplete(file, state.model(), weights);
            for (NDArray a : weights) {
                Weights.overwrite(state.model(), a.getName(), a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .toFloatArray());
            }
            JsonObject steps = meta.getAsJsonObject("optimizerSteps");
            Map<String, ParamState> restored = new HashMap<>();
            for (NDArray a : slots) {
                String[] paramAndSlot = a.getName().split("/", 2);
                WeightCheck.requireKnown(file, state.model(), paramAndSlot[0], a);
                ParamState s = restored.computeIfAbsent(paramAndSlot[0], state::optimizerState);
                NDArray copy = state.manager().create(a.toFloatArray(), a.getShape()).toDevice(state.device(), false);
                s.slot(paramAndSlot[1], () -> copy);
            }
            steps.entrySet().forEach(e -> state.optimizerState(e.getKey()).restoreSteps(e.getValue().getAsLong()));
        }
        state.restoreCounters(meta.get("step").getAsLong(), meta.get("epoch").getAsInt(),
                meta.get("optimizerStep").getAsLong());
        if (meta.has("rateFactor")) {
            state.rateFactor(meta.get("rateFactor").getAsDouble()); // files before reduce-on-plateau have none
        }
        meta.getAsJsonObject("layerRates").entrySet().forEach(e -> learner.layerRate(e.getKey(), e.getValue().getAsDouble()));
        meta.getAsJsonArray("frozen").forEach(f -> learner.freeze(f.getAsString()));
        learner.history().replaceWith(HistoryJson.read(new String(parts.get("history.json"), StandardCharsets.UTF_8)));
        return learner;
    }

    /**
     * Only the description ({@code learner.json}) of a learner file, without its arrays: for listing
     * checkpoints quickly.
     *
     * @return the description, or {@code null} when the file is unreadable or not a learner file
     */
    static JsonObject description(Path file) {
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("learner.json")) {
                    return GSON.fromJson(new String(zip.readAllBytes(), StandardCharsets.UTF_8), JsonObject.class);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // truncated, damaged or foreign: not a learner file to offer
        }
        return null;
    }

    private static Map<String, byte[]> read(Path file) {
        Map<String, byte[]> parts = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                parts.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("No learner file at " + file + ". Checkpoints.list() shows the saved"
                    + " ones.", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable learner file (" + e.getMessage() + "): it is"
                    + " truncated or damaged. Load an earlier copy, e.g. the previous checkpoint.", e);
        }
        for (String name : new String[] {"learner.json", "weights.safetensors", "optimizer.safetensors", "history.json"}) {
            if (!parts.containsKey(name)) {
                throw new IllegalArgumentException(file + " is not a complete learner file: '" + name + "' is missing"
                        + " (it has " + parts.keySet() + "). It is truncated, or not written by Learner.save.");
            }
        }
        return parts;
    }

    private static JsonElement json(Path file, Map<String, byte[]> parts, String name) {
        try {
            return GSON.fromJson(new String(parts.get(name), StandardCharsets.UTF_8), JsonElement.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": " + name + " is damaged (" + e.getMessage() + ").", e);
        }
    }

    private static NDList decode(Path file, Map<String, byte[]> parts, String name, NDManager manager) {
        try {
            return NDList.decode(manager, parts.get(name));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + name + " is damaged (" + e.getMessage() + ").", e);
        }
    }

    private static byte[] encode(Map<String, NDArray> arrays) {
        NDList list = new NDList();
        arrays.forEach((name, a) -> {
            NDArray cpu = a.toDevice(ai.djl.Device.cpu(), true);
            cpu.setName(name);
            list.add(cpu);
        });
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.encode(out, NDList.Encoding.SAFETENSORS);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            list.forEach(NDArray::close);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : "unknown";
    }
}
