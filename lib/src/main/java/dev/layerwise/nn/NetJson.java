package dev.layerwise.nn;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.layerwise.files.AtomicFiles;

import java.io.IOException;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A net's specification as JSON a person can read: the input shape, the default initializers and
 * each layer with its name, kind and settings, e.g.
 * {@code {"type": "Dense", "name": "dense_1", "units": 30, "weightInit": {"init": "normal", "mean": 0, "std": 1}}}.
 * Numbers are kept exactly, so a net read back draws the same first weights from the same seed.
 * A residual block lists its layers under {@code body} and {@code shortcut} (empty for the identity).
 */
public final class NetJson {
    /** The layer types a file may name: every layer record of this package. */
    private static final List<Class<? extends Layer>> TYPES = List.of(Dense.class, Conv2d.class, Activation.class,
            BatchNorm.class, Dropout.class, MaxPool.class, AvgPool.class, GlobalAvgPool.class, Flatten.class);

    private NetJson() {}

    /**
     * The net as JSON.
     *
     * @param net the net
     * @return its specification
     * @throws IllegalArgumentException when a layer or initializer is not one of the library's own
     */
    public static JsonObject write(Net net) {
        JsonObject o = new JsonObject();
        JsonArray shape = new JsonArray();
        Arrays.stream(net.inputShape()).forEach(shape::add);
        o.add("input", shape);
        o.add("weightInit", init(net.weightInit(), "the net's weight initializer"));
        o.add("biasInit", init(net.biasInit(), "the net's bias initializer"));
        o.add("layers", layers(net));
        return o;
    }

    private static JsonArray layers(Net net) {
        JsonArray layers = new JsonArray();
        for (Layer layer : net.layers()) {
            layers.add(layer(layer));
        }
        return layers;
    }

    /**
     * The net a {@link #write(Net)} result describes, built through the same checks as the builder.
     *
     * @param o the JSON
     * @return the net
     */
    public static Net read(JsonObject o) {
        JsonArray shape = o.getAsJsonArray("input");
        long[] in = new long[shape.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = shape.get(i).getAsLong();
        }
        Net net = Net.input(in).init(readInit(o.getAsJsonObject("weightInit"))).biasInit(readInit(o.getAsJsonObject("biasInit")));
        return readLayers(net, o.getAsJsonArray("layers"));
    }

    private static Net readLayers(Net net, JsonArray layers) {
        for (JsonElement e : layers) {
            net = net.add(readLayer(e.getAsJsonObject(), net.outputShape()));
        }
        return net;
    }

    /** Writes a net's specification to a file, pretty-printed, atomically; for {@link Net#save(Path)}. */
    static Path save(Net net, Path file) throws IOException {
        return AtomicFiles.write("Net.save", file, new GsonBuilder().setPrettyPrinting().create().toJson(write(net)));
    }

    /** Reads a specification file; for {@link Net#load(Path)}. */
    static Net load(Path file) throws IOException {
        try {
            return read(JsonParser.parseString(Files.readString(file)).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(file + " is not a net specification (" + e.getMessage() + "); write one"
                    + " with net.save(path).", e);
        }
    }

    private static JsonObject layer(Layer layer) {
        if (layer instanceof Residual r) {
            JsonObject o = new JsonObject();
            o.addProperty("type", "Residual");
            o.addProperty("name", r.name());
            o.add("body", layers(r.body()));
            o.add("shortcut", layers(r.shortcut()));
            return o;
        }
        if (!(layer instanceof Record) || !TYPES.contains(layer.getClass())) {
            throw new IllegalArgumentException("Cannot save the layer " + layer.name() + " (" + layer.getClass().getName()
                    + "): only the library's layers can be saved as a specification.");
        }
        JsonObject o = new JsonObject();
        o.addProperty("type", layer.getClass().getSimpleName());
        for (RecordComponent c : layer.getClass().getRecordComponents()) {
            Object v = value(layer, c);
            if (v == null) {
                continue; // a null initializer means the net's default
            }
            if (v instanceof Init init) {
                o.add(c.getName(), init(init, layer.name() + "." + c.getName()));
            } else if (v instanceof Number n) {
                o.addProperty(c.getName(), n);
            } else if (v instanceof Boolean b) {
                o.addProperty(c.getName(), b);
            } else {
                o.addProperty(c.getName(), v.toString()); // names and enum constants
            }
        }
        return o;
    }

    private static Layer readLayer(JsonObject o, long[] in) {
        String type = o.get("type").getAsString();
        if (type.equals("Residual")) {
            return new Residual(o.get("name").getAsString(), readLayers(Net.block(in), o.getAsJsonArray("body")),
                    readLayers(Net.block(in), o.getAsJsonArray("shortcut")));
        }
        Class<? extends Layer> cls = TYPES.stream().filter(t -> t.getSimpleName().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown layer type '" + type + "' in the file; this"
                        + " version knows " + TYPES.stream().map(Class::getSimpleName).toList() + " and Residual"
                        + ". The file may come from a newer Layerwise."));
        RecordComponent[] cs = cls.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            JsonElement e = o.get(cs[i].getName());
            args[i] = e == null || e.isJsonNull() ? defaultOf(types[i]) : argument(types[i], e);
        }
        try {
            Constructor<? extends Layer> k = cls.getDeclaredConstructor(types);
            return k.newInstance(args);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalArgumentException("Cannot make the layer " + o + ": " + ex, ex);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object argument(Class<?> type, JsonElement e) {
        if (type == int.class) {
            return e.getAsInt();
        } else if (type == long.class) {
            return e.getAsLong();
        } else if (type == double.class) {
            return e.getAsDouble();
        } else if (type == float.class) {
            return e.getAsFloat();
        } else if (type == boolean.class) {
            return e.getAsBoolean();
        } else if (type == Init.class) {
            return readInit(e.getAsJsonObject());
        } else if (type.isEnum()) {
            return Enum.valueOf((Class<Enum>) type, e.getAsString());
        }
        return e.getAsString();
    }

    private static Object defaultOf(Class<?> type) {
        return type == int.class ? 0 : type == long.class ? 0L : type == double.class ? 0.0 : type == float.class ? 0f
                : type == boolean.class ? false : null;
    }

    private static Object value(Layer layer, RecordComponent c) {
        try {
            return c.getAccessor().invoke(layer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + c.getName() + " of " + layer.name(), e);
        }
    }

    /** An initializer as JSON: its factory and exact numbers. */
    static JsonObject init(Init init, String where) {
        JsonObject o = new JsonObject();
        if (init instanceof Init.Gaussian g && !Double.isNaN(g.fixedStd())) {
            o.addProperty("init", "normal");
            o.addProperty("mean", g.mean());
            o.addProperty("std", g.fixedStd());
        } else if (init instanceof Init.Uniform u && !Double.isNaN(u.fixedHigh())) {
            o.addProperty("init", "uniform");
            o.addProperty("low", u.low());
            o.addProperty("high", u.fixedHigh());
        } else if (init instanceof Init.Constant c) {
            o.addProperty("init", "constant");
            o.addProperty("value", c.value());
        } else if (init instanceof Init.Sparse s) {
            o.addProperty("init", "sparse");
            o.addProperty("k", s.k());
        } else if (init instanceof Init.Gaussian || init instanceof Init.Uniform) {
            o.addProperty("init", init.toString()); // xavier, he, lecun, glorotStandard, ...: scaled by the fans
        } else {
            throw new IllegalArgumentException("Cannot save " + where + " (" + init + "): only the initializers of Init"
                    + " can be saved. Use one of them, e.g. Init.normal(0, 0.1) or Init.he().");
        }
        return o;
    }

    /** The initializer an {@link #init} result describes. */
    static Init readInit(JsonObject o) {
        String kind = o.get("init").getAsString();
        return switch (kind) {
            case "normal" -> Init.normal(o.get("mean").getAsDouble(), o.get("std").getAsDouble());
            case "uniform" -> Init.uniform(o.get("low").getAsDouble(), o.get("high").getAsDouble());
            case "constant" -> Init.constant(o.get("value").getAsDouble());
            case "sparse" -> Init.sparse(o.get("k").getAsInt());
            case "xavier" -> Init.xavier();
            case "xavierNormal" -> Init.xavierNormal();
            case "he" -> Init.he();
            case "heUniform" -> Init.heUniform();
            case "lecun" -> Init.lecun();
            case "glorotStandard" -> Init.glorotStandard();
            default -> throw new IllegalArgumentException("Unknown initializer '" + kind + "' in the file; it may come"
                    + " from a newer Layerwise.");
        };
    }
}
