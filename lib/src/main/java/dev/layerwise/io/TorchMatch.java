package dev.layerwise.io;

import dev.layerwise.nn.Shapes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Matches a weight file's arrays to a net's PyTorch names before anything is decoded: every
 * expected name present, no unknown name, each shape equal, each weight floating point. All
 * problems are reported together, each with the PyTorch name, the Layerwise name and both shapes.
 */
final class TorchMatch {
    private static final int MAX_LISTED = 20;
    /** Module index first ({@code 2.bias} before {@code 10.weight}), then the name. */
    private static final Comparator<TorchArray> BY_MODULE = Comparator
            .comparingLong((TorchArray a) -> leadingNumber(a.name())).thenComparing(TorchArray::name);

    private TorchMatch() {}

    /**
     * What to load, once the file is known to fit.
     *
     * @param load PyTorch entry → the file's array, in {@code state_dict} order
     * @param ignored the file's {@code num_batches_tracked} arrays
     */
    record Plan(Map<TorchNames.Entry, TorchArray> load, List<String> ignored) {}

    /**
     * Checks a file's arrays against a net's names.
     *
     * @param file the file, for messages
     * @param names the net's PyTorch names
     * @param arrays what the file holds
     * @return the plan
     * @throws IllegalArgumentException listing every mismatch
     */
    static Plan check(Path file, TorchNames names, List<TorchArray> arrays) {
        Map<String, TorchArray> byName = new LinkedHashMap<>();
        arrays.forEach(a -> byName.put(a.name(), a));
        Map<String, TorchNames.Entry> expected = new LinkedHashMap<>();
        names.entries().forEach(e -> expected.put(e.torch(), e));

        List<String> problems = new ArrayList<>();
        Map<TorchNames.Entry, TorchArray> load = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (TorchNames.Entry e : names.entries()) {
            TorchArray a = byName.get(e.torch());
            if (e.layerwise() == null) {
                if (a != null) {
                    ignored.add(e.torch());
                }
            } else if (a == null) {
                problems.add(e.torch() + " (Layerwise " + e.layerwise() + " " + Shapes.format(e.shape()) + "; " + where(e)
                        + ") is missing from the file");
            } else if (!Arrays.equals(a.shape(), e.shape())) {
                problems.add(e.torch() + " (Layerwise " + e.layerwise() + "; " + where(e) + "): the file has shape "
                        + Shapes.format(a.shape()) + ", the net expects " + Shapes.format(e.shape()));
            } else if (!a.floating()) {
                problems.add(e.torch() + " (Layerwise " + e.layerwise() + "; " + where(e) + ") is " + a.dtype()
                        + " in the file; weights must be floating point (F32, or F64/F16, which are converted)");
            } else {
                load.put(e, a);
            }
        }
        List<String> unknown = arrays.stream().map(TorchArray::name).filter(n -> !expected.containsKey(n)).toList();
        for (String n : unknown) {
            problems.add(n + " " + Shapes.format(byName.get(n).shape()) + " " + byName.get(n).dtype()
                    + " is in the file but not in the net (no layer maps to it)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(message(file, names, arrays, problems, unknown, expected));
        }
        return new Plan(load, List.copyOf(ignored));
    }

    private static String where(TorchNames.Entry e) {
        return "layer " + e.index() + " '" + e.layer() + "', " + e.module();
    }

    private static String message(Path file, TorchNames names, List<TorchArray> arrays, List<String> problems,
            List<String> unknown, Map<String, TorchNames.Entry> expected) {
        StringBuilder s = new StringBuilder("TorchWeights.load(learner, " + file + "): the file does not fit the net ("
                + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "); nothing was changed.\n");
        problems.stream().limit(MAX_LISTED).forEach(p -> s.append("  - ").append(p).append('\n'));
        if (problems.size() > MAX_LISTED) {
            s.append("  … and ").append(problems.size() - MAX_LISTED).append(" more\n");
        }
        String prefix = commonPrefix(unknown, expected);
        if (prefix != null) {
            s.append("The file's names start with '").append(prefix).append("': save the nn.Sequential's own state_dict,"
                    + " or strip the prefix in Python: {k.removeprefix('").append(prefix).append("'): v for k, v in"
                    + " sd.items()}.\n");
        }
        s.append("Fix: load the file into the net that matches the model which wrote it. This net's PyTorch equivalent"
                + " is\n").append(names.sequential()).append("\nThe file holds: ")
                .append(arrays.isEmpty() ? "no array" : arrays.stream().sorted(BY_MODULE).map(TorchArray::toString)
                        .collect(Collectors.joining(", ")))
                .append('.');
        return s.toString();
    }

    private static long leadingNumber(String name) {
        int end = 0;
        while (end < name.length() && end < 18 && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == 0 ? Long.MAX_VALUE : Long.parseLong(name.substring(0, end));
    }

    /** A prefix such as {@code model.} whose removal turns every unknown name into an expected one. */
    private static String commonPrefix(List<String> unknown, Map<String, TorchNames.Entry> expected) {
        if (unknown.isEmpty()) {
            return null;
        }
        String first = unknown.get(0);
        for (int dot = first.indexOf('.'); dot >= 0; dot = first.indexOf('.', dot + 1)) {
            String prefix = first.substring(0, dot + 1);
            if (unknown.stream().allMatch(n -> n.startsWith(prefix) && expected.containsKey(n.substring(prefix.length())))) {
                return prefix;
            }
        }
        return null;
    }
}
