package dev.layerwise.kernel.eval;

import dev.layerwise.nn.Net;
import dev.layerwise.train.EpochRecord;
import dev.layerwise.train.Learner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Completion of the names users type inside a library call's string argument:
 * {@code learner.layerRate("de} offers the learner's layers whose names start with {@code de}.
 *
 * <p>{@link #METHODS} says which calls take which names; a new method that takes names is one line
 * there. The names come from the live session: the receiver, when it is a plain variable name
 * holding a {@link Learner} or a {@link Net}, is read from its field (no code of the cell is run,
 * and a receiver that is any other expression offers nothing); metric names come from every
 * learner in the session.
 */
public final class NameArguments {
    /** What a method's string arguments name. */
    enum Kind { LAYERS, LAYERS_WITH_PARAMETERS, PARAMETERS, CALLBACKS, METRICS, DEVICES }

    /** The device names {@code Layerwise.device(String)} and {@code %device} accept, besides {@code gpu:N}. */
    public static final List<String> DEVICES = List.of("cpu", "gpu", "auto");
    /** Metrics every learner records, under the names a monitored metric goes by. */
    static final List<String> METRICS = List.of("loss", "accuracy", "val_loss", "val_accuracy");

    /** Method name → what its string arguments name. */
    static final Map<String, Kind> METHODS = Map.ofEntries(
            Map.entry("layerRate", Kind.LAYERS_WITH_PARAMETERS),
            Map.entry("freeze", Kind.LAYERS_WITH_PARAMETERS),
            Map.entry("unfreeze", Kind.LAYERS_WITH_PARAMETERS),
            Map.entry("init", Kind.LAYERS_WITH_PARAMETERS),
            Map.entry("biasInit", Kind.LAYERS_WITH_PARAMETERS),
            Map.entry("layer", Kind.LAYERS),
            Map.entry("outputs", Kind.LAYERS),
            Map.entry("parameter", Kind.PARAMETERS),
            Map.entry("callback", Kind.CALLBACKS),
            Map.entry("removeCallback", Kind.CALLBACKS),
            Map.entry("earlyStopping", Kind.METRICS),
            Map.entry("device", Kind.DEVICES));

    private final Function<String, Optional<Object>> variable;
    private final Supplier<List<Object>> allValues;

    /**
     * @param variable a live variable's value by its plain name
     * @param allValues the values of every variable, for names not tied to one receiver (metrics)
     */
    NameArguments(Function<String, Optional<Object>> variable, Supplier<List<Object>> allValues) {
        this.variable = variable;
        this.allValues = allValues;
    }

    /**
     * @param snippet the current snippet's text up to the cursor
     * @param offset where the snippet starts in the cell
     * @return the names to offer and what they replace, when the cursor is in such a string argument
     */
    Optional<Completer.Completion> complete(String snippet, int offset) {
        Optional<StringArgument> at = StringArgument.at(snippet);
        if (at.isEmpty() || !METHODS.containsKey(at.get().method())) {
            return Optional.empty();
        }
        StringArgument arg = at.get();
        List<String> matches = new ArrayList<>();
        try {
            for (String name : names(METHODS.get(arg.method()), arg.receiver())) {
                if (name.startsWith(arg.typed())) {
                    matches.add(name);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            matches.clear(); // a learner in a bad state has no names to offer; completion must not fail
        }
        int start = offset + snippet.length() - arg.typed().length();
        return Optional.of(new Completer.Completion(matches, start, offset + snippet.length()));
    }

    private Set<String> names(Kind kind, String receiver) {
        Object target = receiver == null ? null : variable.apply(receiver).orElse(null);
        Net net = target instanceof Learner ? ((Learner) target).net() : target instanceof Net ? (Net) target : null;
        Set<String> names = new LinkedHashSet<>();
        switch (kind) {
            case LAYERS -> {
                if (net != null) {
                    names.addAll(net.layerNames());
                }
            }
            case LAYERS_WITH_PARAMETERS -> {
                for (int i = 0; net != null && i < net.layers().size(); i++) {
                    if (!net.parametersOf(i).isEmpty()) {
                        names.add(net.layers().get(i).name());
                    }
                }
            }
            case PARAMETERS -> {
                if (net != null) {
                    net.parameters().forEach(p -> names.add(p.name()));
                }
            }
            case CALLBACKS -> {
                if (target instanceof Learner) {
                    names.addAll(((Learner) target).callbackNames());
                }
            }
            case METRICS -> {
                names.addAll(METRICS);
                List<Object> learners = target instanceof Learner ? List.of(target) : allValues.get();
                for (Object o : learners) {
                    if (o instanceof Learner) {
                        for (EpochRecord e : ((Learner) o).history().epochs()) {
                            names.addAll(e.metrics().keySet());
                        }
                    }
                }
            }
            case DEVICES -> names.addAll(DEVICES);
        }
        return names;
    }
}
