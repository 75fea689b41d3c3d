package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;
import dev.layerwise.kernel.eval.Evaluator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code %whos [TYPE...]}: the session's variables with their types and short values, as IPython's
 * {@code %whos} lists them; with type names, only variables of those types. Values are read from
 * the variables' fields, and each is shown in a few words ({@link ShortValue}).
 */
final class WhosMagic implements Magic {
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(\\[\\])*");

    @Override
    public String name() {
        return "whos";
    }

    @Override
    public String usage() {
        return "%whos [TYPE...]";
    }

    @Override
    public String help() {
        return "Lists the variables with type and a short value, only those of the TYPEs when given;"
                + " JShell's /vars with values.";
    }

    @Override
    public List<String> arguments(MagicContext context) {
        Set<String> types = new LinkedHashSet<>();
        for (Evaluator.Variable v : context.evaluator().variables()) {
            types.add(simple(v.type()));
        }
        return List.copyOf(types);
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        List<String> wanted = new ArrayList<>();
        for (String word : args.isBlank() ? new String[0] : args.strip().split("\\s+")) {
            if (!TYPE_NAME.matcher(word).matches()) {
                throw new IllegalArgumentException("'" + word + "' is not a type name; %whos takes the types of the"
                        + " variables to list, e.g. %whos Learner Net, or nothing to list them all");
            }
            wanted.add(simple(word));
        }
        List<String[]> rows = new ArrayList<>();
        for (Evaluator.Variable v : context.evaluator().variables()) {
            String type = simple(v.type());
            String runtime = v.value() == null ? "" : v.value().getClass().getSimpleName();
            if (wanted.isEmpty() || wanted.contains(type) || wanted.contains(runtime)) {
                rows.add(new String[] {v.name(), v.type(), ShortValue.of(v.value())});
            }
        }
        if (rows.isEmpty()) {
            context.out().println(wanted.isEmpty() ? "No variables yet." : "No variables of type " + String.join(", ", wanted) + ".");
            return CellOutcome.nothing();
        }
        int nameWidth = "Variable".length();
        int typeWidth = "Type".length();
        for (String[] r : rows) {
            nameWidth = Math.max(nameWidth, r[0].length());
            typeWidth = Math.max(typeWidth, r[1].length());
        }
        String format = "%-" + nameWidth + "s   %-" + typeWidth + "s   %s%n";
        StringBuilder sb = new StringBuilder(String.format(format, "Variable", "Type", "Data/Info"));
        sb.append("-".repeat(nameWidth + typeWidth + 6 + "Data/Info".length())).append('\n');
        for (String[] r : rows) {
            sb.append(String.format(format, r[0], r[1], r[2]));
        }
        context.out().print(sb);
        return CellOutcome.nothing();
    }

    /** {@code java.util.List<String>} → {@code List}: how a type is matched and offered. */
    private static String simple(String type) {
        String raw = type.replaceAll("<.*>", "");
        return raw.substring(raw.lastIndexOf('.') + 1);
    }
}
