package dev.layerwise.train;

import dev.layerwise.optim.ParamState;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: one training step with its gradients, optimizer state copied out, printed lines. */
final class Steps {
    private Steps() {}

    /**
     * Trains exactly one step.
     *
     * @return each trainable parameter's gradient as backward left it, before any clipping
     */
    static Map<String, float[]> one(Learner l) {
        Map<String, float[]> grads = new LinkedHashMap<>();
        l.on("test gradients", Event.AFTER_BACKWARD, ctx -> ctx.parameters().keySet()
                .forEach(p -> grads.put(p, ctx.gradient(p).toFloatArray())));
        l.on("test one step", Event.STEP_END, ctx -> ctx.stop("one step"));
        try {
            l.fit(1);
        } finally {
            l.removeCallback("test gradients");
            l.removeCallback("test one step");
        }
        return grads;
    }

    /** @return a copy of one optimizer state array, or null when the parameter has none of that name */
    static float[] slot(Learner l, String parameter, String slot) {
        ParamState s = l.state().optimizerStates().get(parameter);
        return s == null || s.slots().get(slot) == null ? null : s.slots().get(slot).toFloatArray();
    }

    /** @return every state array, by {@code parameter/slot} */
    static Map<String, float[]> state(Learner l) {
        Map<String, float[]> out = new LinkedHashMap<>();
        l.state().optimizerStates().forEach((p, s) -> s.slots().forEach((k, a) -> out.put(p + "/" + k, a.toFloatArray())));
        return out;
    }

    /** @return what the action printed to standard output */
    static String printed(Runnable action) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(old);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        old.print(text);
        return text;
    }
}
