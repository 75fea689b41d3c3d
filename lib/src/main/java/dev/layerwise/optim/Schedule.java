package dev.layerwise.optim;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.TextChart;

import java.util.List;
import java.util.Locale;

/**
 * A value that changes with the training step: a learning rate or a momentum. Usable wherever a
 * rate goes ({@code Optimizers.sgd(Schedule.exponential(0.5, 1e-4, 10_000))}).
 *
 * <p>Steps count the updates made by the optimizer that holds the schedule, from 0; switching to
 * a new optimizer starts its schedules again at 0. A schedule given to a running learner
 * ({@code learner.learningRate(schedule)}, {@code learner.momentum(schedule)}) starts at its step 0
 * with the next step, while the optimizer's other schedules carry on.
 */
@FunctionalInterface
public interface Schedule extends Displayable {
    /**
     * The value at a step.
     *
     * @param step updates made so far, from 0
     * @return the value
     */
    double at(long step);

    /** @return the schedule in words, e.g. {@code exponential(0.5 → 0.0001 over 10000 steps)} */
    default String describe() {
        return "schedule";
    }

    /**
     * The same value at every step.
     *
     * @param value the value
     * @return the schedule
     */
    static Schedule constant(double value) {
        return new Named(s -> value, num(value), new Recipe("constant", List.of(), value));
    }

    /**
     * Multiplies the value by {@code factor} every {@code every} steps (step decay).
     *
     * @param start the first value
     * @param factor the multiplier, e.g. 0.1
     * @param every steps between drops, at least 1
     * @return the schedule
     */
    static Schedule step(double start, double factor, long every) {
        requireSteps("step", every);
        requireFinite("step", start, factor);
        if (factor < 0) {
            throw new IllegalArgumentException("step(" + start + ", " + factor + ", " + every + "): the factor must be"
                    + " ≥ 0, or the value flips sign at every drop; e.g. step(0.1, 0.5, 1000).");
        }
        return new Named(s -> start * Math.pow(factor, s / every),
                "step(" + num(start) + " × " + num(factor) + " every " + every + " steps)",
                new Recipe("step", List.of(), start, factor, every));
    }

    /**
     * Falls (or rises) geometrically from {@code from} to {@code to} over {@code steps}, then stays
     * at {@code to}: {@code from · (to/from)^(t/steps)}.
     *
     * @param from the first value, above 0
     * @param to the value at {@code steps}, above 0
     * @param steps length of the change, at least 1
     * @return the schedule
     */
    static Schedule exponential(double from, double to, long steps) {
        requireSteps("exponential", steps);
        requireFinite("exponential", from, to);
        if (!(from > 0 && to > 0)) {
            throw new IllegalArgumentException("exponential(" + from + ", " + to + ", " + steps
                    + "): both ends must be above 0 for a geometric change; use linear(...) to reach 0.");
        }
        return new Named(s -> from * Math.pow(to / from, Math.min(s, steps) / (double) steps),
                "exponential(" + num(from) + " → " + num(to) + " over " + steps + " steps)",
                new Recipe("exponential", List.of(), from, to, steps));
    }

    /**
     * Changes linearly from {@code from} to {@code to} over {@code steps}, then stays at {@code to};
     * e.g. a momentum rising from 0.7 to 0.995.
     *
     * @param from the first value
     * @param to the value at {@code steps}
     * @param steps length of the change, at least 1
     * @return the schedule
     */
    static Schedule linear(double from, double to, long steps) {
        requireSteps("linear", steps);
        requireFinite("linear", from, to);
        return new Named(s -> s >= steps ? to : from + (to - from) * (s / (double) steps), // exactly {@code to} at the end
                "linear(" + num(from) + " → " + num(to) + " over " + steps + " steps)",
                new Recipe("linear", List.of(), from, to, steps));
    }

    /**
     * Half a cosine from {@code from} to {@code to} over {@code steps}, then {@code to}
     * (Loshchilov and Hutter 2017, without restarts).
     *
     * @param from the first value
     * @param to the value at {@code steps}
     * @param steps length of the change, at least 1
     * @return the schedule
     */
    static Schedule cosine(double from, double to, long steps) {
        requireSteps("cosine", steps);
        requireFinite("cosine", from, to);
        return new Named(s -> to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * Math.min(s, steps) / steps)),
                "cosine(" + num(from) + " → " + num(to) + " over " + steps + " steps)",
                new Recipe("cosine", List.of(), from, to, steps));
    }

    /**
     * The momentum schedule of Sutskever, Martens, Dahl and Hinton (2013, their eq. 5), which they
     * used with a fixed learning rate, classical or Nesterov momentum and sparse initialization:
     * {@code μ_t = min(1 − 2^(−1 − log₂(⌊t/250⌋ + 1)), μ_max)} — 0.5 for the first 250 steps, then
     * 0.75, 0.833, 0.875, 0.9, … until it reaches μ_max. For example
     * {@code Optimizers.sgd(0.01).momentum(Schedule.sutskeverMomentum(0.99)).nesterov()}.
     *
     * @param max μ_max, in [0, 1); the paper tried 0.9, 0.99, 0.995 and 0.999
     * @return the schedule
     */
    static Schedule sutskeverMomentum(double max) {
        if (!(max >= 0 && max < 1)) {
            throw new IllegalArgumentException("sutskeverMomentum(" + max + "): μ_max must be in [0, 1);"
                    + " Sutskever et al. 2013 used 0.9 to 0.999, e.g. sutskeverMomentum(0.99).");
        }
        // 1 − 2^(−1 − log₂(k + 1)) = 1 − 1 / (2(k + 1)), written so that it is exact at every step
        return new Named(s -> Math.min(1 - 0.5 / (Math.floorDiv(s, 250) + 1), max),
                "sutskeverMomentum(0.5 → " + num(max) + ", stepped every 250 steps)",
                new Recipe("sutskeverMomentum", List.of(), max));
    }

    /**
     * Rises linearly from 0 over {@code steps}, then follows {@code after} (which starts at its step 0).
     *
     * @param steps warm-up length, at least 1
     * @param after the schedule after warm-up
     * @return the schedule
     */
    static Schedule warmup(long steps, Schedule after) {
        requireSteps("warmup", steps);
        requireSchedule("warmup", after);
        return new Named(s -> s < steps ? after.at(0) * (s + 1) / (double) steps : after.at(s - steps),
                "warmup(" + steps + " steps, then " + after.describe() + ")", new Recipe("warmup", List.of(after), steps));
    }

    /**
     * This schedule for {@code steps} steps, then {@code next} (starting at its step 0).
     *
     * @param steps how long this schedule runs
     * @param next what follows
     * @return the composed schedule
     */
    default Schedule then(long steps, Schedule next) {
        requireSteps("then", steps);
        requireSchedule("then", next);
        Schedule first = this;
        return new Named(s -> s < steps ? first.at(s) : next.at(s - steps),
                describe() + " for " + steps + " steps, then " + next.describe(),
                new Recipe("then", List.of(first, next), steps));
    }

    /**
     * The product of two schedules at each step, e.g. a warm-up times a decay.
     *
     * @param other the other factor
     * @return the composed schedule
     */
    default Schedule times(Schedule other) {
        requireSchedule("times", other);
        Schedule first = this;
        return new Named(s -> first.at(s) * other.at(s), describe() + " × " + other.describe(),
                new Recipe("times", List.of(first, other)));
    }

    /**
     * The values over a range of steps, as a chart.
     *
     * @param steps how many steps to show, from 0
     * @return the chart
     */
    default TextChart plot(long steps) {
        double[] v = new double[(int) Math.max(1, Math.min(steps, 100_000))];
        for (int i = 0; i < v.length; i++) {
            v[i] = at((long) i * Math.max(1, steps / v.length));
        }
        return new TextChart(describe(), "step", 60, 10).add("value", v);
    }

    @Override
    default MimeBundle toMimeBundle() {
        return plot(1000).toMimeBundle();
    }

    private static void requireFinite(String what, double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException(what + "(" + a + ", " + b + ", …): both values must be finite numbers,"
                    + " e.g. " + what + "(0.5, 0.01, 10_000) for a rate.");
        }
    }

    private static void requireSchedule(String what, Schedule s) {
        if (s == null) {
            throw new IllegalArgumentException(what + "(…, null): expected a schedule, e.g. Schedule.constant(0.1).");
        }
    }

    private static void requireSteps(String what, long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException(what + ": the number of steps must be at least 1, got " + steps + ".");
        }
    }

    /**
     * Formats a number briefly for descriptions.
     *
     * @param v the number
     * @return e.g. {@code 0.1}, {@code 1e-04}
     */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /**
     * How a library schedule was made: its factory, the schedules it combines and its numbers, so
     * that a saved learner can make the same schedule again, exactly.
     *
     * @param kind the factory, e.g. {@code exponential}
     * @param parts schedules it combines, in order (for {@code warmup}, {@code then}, {@code times})
     * @param args its numbers, in the factory's order
     */
    record Recipe(String kind, List<Schedule> parts, double... args) {}

    /** @return how this schedule was made, or {@code null} for a schedule written as a lambda */
    default Recipe recipe() {
        return null;
    }

    /** A library schedule: its function, its description and its recipe. */
    record Named(Schedule function, String text, Recipe recipe) implements Schedule {
        @Override
        public double at(long step) {
            return function.at(step);
        }

        @Override
        public String describe() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
