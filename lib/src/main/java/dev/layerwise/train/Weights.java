package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.layerwise.engine.Torch;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes a model's parameters as plain arrays, checking a write fully before it changes anything. */
final class Weights {
    private Weights() {}

    /** @return a copy of every parameter's values, by full name */
    static Map<String, float[]> copyAll(Model model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.arrays().forEach((name, a) -> out.put(name, a.toFloatArray()));
        return out;
    }

    /** @return a copy of one parameter's values */
    static float[] copy(Model model, String name) {
        return find(model, name).toFloatArray();
    }

    /** Overwrites one parameter after checking the count and that every value is finite. */
    static void overwrite(Model model, String name, float[] values) {
        NDArray a = find(model, name);
        if (values == null) {
            throw new IllegalArgumentException("parameter(\"" + name + "\", null): expected " + a.size()
                    + " values for shape " + a.getShape() + ", e.g. another learner's parameter(\"" + name + "\").");
        }
        if (values.length != a.size()) {
            throw new IllegalArgumentException("parameter(\"" + name + "\", …): got " + values.length + " values but "
                    + name + " has shape " + a.getShape() + " (" + a.size() + " values).");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("parameter(\"" + name + "\", …): value " + i + " is " + values[i]
                        + "; weights must be finite. Nothing was changed; check where the values came from.");
            }
        }
        try (Torch.NoGrad ignored = Torch.noGrad(); NDScope scope = new NDScope()) {
            a.set(FloatBuffer.wrap(values));
        }
    }

    private static NDArray find(Model model, String name) {
        NDArray a = model.arrays().get(name);
        if (a == null) {
            throw new IllegalArgumentException("No parameter '" + name + "'. Parameters: " + model.arrays().keySet() + ".");
        }
        return a;
    }
}
