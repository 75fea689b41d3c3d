package dev.layerwise.optim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Optimizers and schedules as JSON, exactly: every number is kept to the last bit, so a learner
 * loaded from a file takes the same steps as the one that was saved. A schedule written as a
 * lambda has no recipe and cannot be saved; the error says so and how to fix it.
 */
public final class OptimizerJson {
    private OptimizerJson() {}

    /**
     * The optimizer as JSON.
     *
     * @param optimizer one of {@link Optimizers}' rules
     * @return its kind, schedules and numbers
     * @throws IllegalArgumentException for an optimizer or schedule that is not the library's own
     */
    public static JsonObject write(Optimizer optimizer) {
        if (!(optimizer instanceof BaseOptimizer<?> base)) {
            throw new IllegalArgumentException("Cannot save the optimizer " + optimizer.describe() + ": only the"
                    + " rules of Optimizers (sgd, momentum, nesterov, rmsprop, adagrad, adadelta, adam, adamW) can be"
                    + " saved. Save with one of them, or set yours again after loading.");
        }
        JsonObject o = new JsonObject();
        o.addProperty("kind", base.name());
        o.add("learningRate", write(base.learningRate(), "learning rate"));
        if (base.momentum() != null) {
            o.add("momentum", write(base.momentum(), "momentum"));
        }
        o.addProperty("weightDecay", base.weightDecay());
        o.addProperty("clip", base.clip());
        o.addProperty("clipGradNorm", base.clipGradNorm());
        JsonArray exempt = new JsonArray();
        base.noDecayPatterns().forEach(exempt::add);
        o.add("noDecayOn", exempt);
        o.addProperty("decayWeightsOnly", base.decaysWeightsOnly());
        base.numbers().forEach(o::addProperty);
        return o;
    }

    /**
     * The optimizer a {@link #write(Optimizer)} result describes.
     *
     * @param o the JSON
     * @return the optimizer
     * @throws IllegalArgumentException for an unknown kind or a malformed description
     */
    public static Optimizer read(JsonObject o) {
        String kind = string(o, "kind");
        SharedSettings shared = shared(o);
        return switch (kind) {
            case "sgd", "momentum", "nesterov" -> new Sgd(shared, o.has("momentum") ? readSchedule(object(o,
                    "momentum")) : null, number(o, "nesterov") == 1);
            case "adam", "adamW" -> new Adam(shared, number(o, "beta1"), number(o, "beta2"), number(o, "epsilon"),
                    number(o, "decoupled") == 1);
            case "rmsprop" -> new RmsProp(shared, number(o, "rho"), number(o, "epsilon"));
            case "adagrad" -> new Adagrad(shared, number(o, "epsilon"));
            case "adadelta" -> new Adadelta(shared, number(o, "rho"), number(o, "epsilon"));
            default -> throw new IllegalArgumentException("Unknown optimizer '" + kind + "' in the file; this version"
                    + " knows sgd, momentum, nesterov, rmsprop, adagrad, adadelta, adam and adamW. The file may come"
                    + " from a newer Layerwise.");
        };
    }

    /** The shared settings; files written before global-norm clipping and decay exemptions have neither. */
    private static SharedSettings shared(JsonObject o) {
        List<String> exempt = new ArrayList<>();
        if (o.has("noDecayOn")) {
            require(o, "noDecayOn").getAsJsonArray().forEach(e -> exempt.add(e.getAsString()));
        }
        boolean weightsOnly = o.has("decayWeightsOnly") && require(o, "decayWeightsOnly").getAsBoolean();
        return new SharedSettings(readSchedule(object(o, "learningRate")), number(o, "weightDecay"), number(o, "clip"),
                o.has("clipGradNorm") ? number(o, "clipGradNorm") : 0, DecayExemptions.of(exempt, weightsOnly));
    }

    /**
     * A schedule as JSON.
     *
     * @param schedule a schedule made by {@link Schedule}'s factories
     * @param what what it is, for the message, e.g. {@code learning rate}
     * @return its recipe
     */
    public static JsonObject write(Schedule schedule, String what) {
        Schedule.Recipe r = schedule.recipe();
        if (r == null) {
            throw new IllegalArgumentException("Cannot save the " + what + " schedule '" + schedule.describe()
                    + "': it is a lambda, and a saved learner must make the same schedule again. Use Schedule's"
                    + " factories (constant, step, exponential, linear, cosine, sutskeverMomentum, warmup, then,"
                    + " times), or set the optimizer again after loading.");
        }
        JsonObject o = new JsonObject();
        o.addProperty("kind", r.kind());
        JsonArray args = new JsonArray();
        for (double a : r.args()) {
            args.add(a);
        }
        o.add("args", args);
        JsonArray parts = new JsonArray();
        r.parts().forEach(p -> parts.add(write(p, what)));
        o.add("parts", parts);
        return o;
    }

    /**
     * The schedule a {@link #write(Schedule, String)} result describes.
     *
     * @param o the JSON
     * @return the schedule
     */
    public static Schedule readSchedule(JsonObject o) {
        String kind = string(o, "kind");
        double[] a = new double[o.getAsJsonArray("args").size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = o.getAsJsonArray("args").get(i).getAsDouble();
        }
        List<Schedule> parts = new ArrayList<>();
        for (JsonElement p : o.getAsJsonArray("parts")) {
            parts.add(readSchedule(p.getAsJsonObject()));
        }
        return switch (kind) {
            case "constant" -> Schedule.constant(a[0]);
            case "step" -> Schedule.step(a[0], a[1], (long) a[2]);
            case "exponential" -> Schedule.exponential(a[0], a[1], (long) a[2]);
            case "linear" -> Schedule.linear(a[0], a[1], (long) a[2]);
            case "cosine" -> Schedule.cosine(a[0], a[1], (long) a[2]);
            case "sutskeverMomentum" -> Schedule.sutskeverMomentum(a[0]);
            case "warmup" -> Schedule.warmup((long) a[0], parts.get(0));
            case "then" -> parts.get(0).then((long) a[0], parts.get(1));
            case "times" -> parts.get(0).times(parts.get(1));
            default -> throw new IllegalArgumentException("Unknown schedule '" + kind + "' in the file; it may come"
                    + " from a newer Layerwise.");
        };
    }

    private static String string(JsonObject o, String key) {
        return require(o, key).getAsString();
    }

    private static double number(JsonObject o, String key) {
        return require(o, key).getAsDouble();
    }

    private static JsonObject object(JsonObject o, String key) {
        return require(o, key).getAsJsonObject();
    }

    private static JsonElement require(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("The optimizer's description lacks '" + key + "': " + o
                    + ". The file is damaged or was not written by Layerwise.");
        }
        return e;
    }
}
