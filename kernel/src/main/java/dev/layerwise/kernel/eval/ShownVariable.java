package dev.layerwise.kernel.eval;

import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

import javax.lang.model.SourceVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shows a variable without compiling anything, for the cell people run most after a declaration:
 * just the name of a live variable, such as {@code accuracy} or {@code losses}.
 *
 * <p>JShell would compile {@code return x;} in a new wrapper class (three javac passes, about 5 ms),
 * load it and run it; the value comes from the variable's field either way. Here the field is read
 * where JShell itself reads it ({@link JShell#varValue}, which names the variable's current wrapper
 * class) and described by the same code as an evaluated value, so the cell shows the same value object
 * and the same text.
 *
 * <p>Only where that is provably the same: the value's text must run no code that could print or throw,
 * so the value is null, a string, a boxed primitive, or an array of those (all final JDK classes).
 * Anything else — a net, a learner, a list of user objects — is evaluated by JShell as usual, because
 * its {@code toString()} is arbitrary code, and when it throws, JShell reports the exception with the
 * stack translated to cell lines, which cannot be reproduced outside JShell. The name must not also be
 * brought in by a single static import (then the normal path decides between the two).
 */
final class ShownVariable {
    /** Classes whose {@code toString()} is final JDK code with no side effect and no failure. */
    private static final Set<Class<?>> PLAIN = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class);

    private ShownVariable() {}

    /**
     * @param shell the session
     * @param control its execution engine
     * @param snippet one complete snippet of the cell
     * @return the outcome evaluating the snippet would give, or empty when it must be evaluated
     */
    static Optional<CellOutcome> show(JShell shell, CapturingExecutionControl control, SourceSnippet snippet) {
        if (control == null || snippet.endsWithSemicolon()) {
            return Optional.empty();
        }
        String name = nameIn(snippet.source());
        if (name == null) {
            return Optional.empty();
        }
        List<VarSnippet> vars = shell.variables().filter(v -> v.name().equals(name) && shell.status(v) == Snippet.Status.VALID)
                .toList();
        if (vars.size() != 1 || shell.imports().anyMatch(i -> isActiveSingleImportOf(shell, i, name))) {
            return Optional.empty();
        }
        return control.peek(() -> shell.varValue(vars.get(0)), ShownVariable::isPlain)
                .map(value -> new CellOutcome(null, true, value.object(), value.text()));
    }

    /** @return the identifier the source consists of (a trailing semicolon that JShell added allowed), or null */
    static String nameIn(String source) {
        String s = source.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return SourceVersion.isIdentifier(s) && !SourceVersion.isKeyword(s) ? s : null;
    }

    private static boolean isActiveSingleImportOf(JShell shell, ImportSnippet i, String name) {
        return shell.status(i).isActive() && i.name().equals(name);
    }

    /** @return whether describing {@code value} runs only final JDK code that cannot print or throw */
    static boolean isPlain(Object value) {
        return value == null || isPlainType(value.getClass());
    }

    private static boolean isPlainType(Class<?> type) {
        return type.isPrimitive() || PLAIN.contains(type) || (type.isArray() && isPlainType(type.getComponentType()));
    }
}
