package dev.layerwise.kernel.eval;

import dev.layerwise.kernel.log.Phases;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * JShell's in-process execution engine, keeping each snippet's value object.
 *
 * <p>Extends {@link LocalExecutionControl}, so snippets run in the kernel's JVM on JShell's own
 * execution thread and {@code JShell.stop()} keeps working: on JDK 17 it stops that thread, on
 * newer JDKs (where {@code Thread.stop} is gone) JShell instruments snippet loops with stop checks.
 * Snippet classes are defined by a loader whose parent is the application class loader, so snippets
 * and the kernel share one copy of the library's classes (and so one {@code Display} sink).
 *
 * <p>Because snippets share the kernel's JVM, their calls to {@code System.exit},
 * {@code Runtime.exit} and {@code Runtime.halt} are rewritten as their classes are loaded
 * ({@link ExitCallRewriter}) to throw {@link ExitRefusedError} instead of ending the kernel. A
 * value's text stops at the {@link OutputLimit}: a 100-million-character string or array is
 * described by its first part, not formatted in full.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private static final Method TRAMPOLINE = ValueCapture.trampoline();
    private final OutputLimit limit;
    private final StaleValues stale = new StaleValues();
    /** Set only while {@link #peek} runs, on the evaluator's thread. */
    private Predicate<Object> peeking;
    private Peeked peeked;

    CapturingExecutionControl(OutputLimit limit) {
        this.limit = limit;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        Phases.mark("javac"); // JShell's parse, analysis and compilation since the last mark
        super.load(Stream.of(classes)
                .map(c -> new ClassBytecodes(c.name(), ExitCallRewriter.rewrite(c.bytecodes())))
                .toArray(ClassBytecodes[]::new));
        for (ClassBytecodes c : classes) {
            stale.loaded(c.name(), c.bytecodes());
        }
        Phases.mark("load");
    }

    /**
     * Sets the fields of replaced and dropped variables to null, so their old values can be collected
     * (see {@link StaleValues}).
     *
     * @param live the names of the variables JShell has now
     * @return how many fields were cleared
     */
    int releaseStale(Set<String> live) {
        return stale.release(live, this::findClass);
    }

    /**
     * Reads a variable's value from its field, running no code of the cell's.
     *
     * @param name a live variable's name
     * @return its value, or empty when no class holds it
     */
    Optional<Object> value(String name) {
        String owner = stale.newestOwner(name);
        if (owner == null) {
            return Optional.empty();
        }
        try {
            Field field = findClass(owner).getDeclaredField(name);
            field.setAccessible(true);
            return Optional.ofNullable(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Phases.mark("jshell");
        ValueCapture.arm(doitMethod, this::shown);
        String text = super.invoke(TRAMPOLINE);
        Phases.mark("run");
        return bounded(text);
    }

    /** Objects whose toString() is huge: JShell has built the text; send only its first part. */
    private String bounded(String text) {
        return text.length() > (long) limit.chars() + 200 ? clip(text, text.length()) : text;
    }

    /**
     * A variable's value and its text exactly as evaluating its name would give them.
     *
     * @param object the value
     * @param text the text, as JShell reports it for an evaluated value
     */
    record Peeked(Object object, String text) {}

    /**
     * Reads a variable through {@code read}, a call of {@link jdk.jshell.JShell#varValue} (which calls
     * {@link #varValue} with the variable's current wrapper class), and describes it the way
     * {@link #invoke} describes a value, provided {@code describable} accepts it. Runs no code of the cells.
     *
     * @param read calls {@code JShell.varValue} for the variable
     * @param describable whether the value may be described here
     * @return the value and its text, or empty when it could not be read or is not describable
     */
    Optional<Peeked> peek(Supplier<String> read, Predicate<Object> describable) {
        peeking = describable;
        peeked = null;
        try {
            String text = read.get();
            return peeked == null ? Optional.empty() : Optional.of(new Peeked(peeked.object(), text));
        } finally {
            peeking = null;
            peeked = null;
        }
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        Predicate<Object> describable = peeking;
        if (describable == null) {
            return super.varValue(className, varName);
        }
        Object value;
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return ""; // nothing peeked: the cell is evaluated instead
        }
        if (!describable.test(value)) {
            return "";
        }
        String text = bounded(valueString(shown(value)));
        peeked = new Peeked(value, text);
        return text; // JShell.varValue cleans it as it cleans an evaluated value's text
    }

    /** What JShell should describe: the value, or for a huge string or array a stand-in with a bounded text. */
    private Object shown(Object value) {
        int max = limit.chars();
        if (value instanceof String && ((String) value).length() > max) {
            String s = (String) value;
            return new Text(clip(valueString(s.substring(0, max)), s.length() - max));
        }
        if (value != null && value.getClass().isArray() && elements(value, max / 3) > max / 3) {
            StringBuilder sb = new StringBuilder();
            appendArray(sb, value, max);
            return new Text(sb.toString());
        }
        return value;
    }

    private String clip(String text, long total) {
        int max = limit.chars();
        String head = text.length() > max ? text.substring(0, max) : text;
        return head + "\n" + limit.truncatedNotice(total - head.length()).strip();
    }

    /** Counts array elements, nested arrays included, stopping once past {@code cap}. */
    private static long elements(Object array, long cap) {
        int n = Array.getLength(array);
        long count = n;
        if (array instanceof Object[]) {
            for (int i = 0; i < n && count <= cap; i++) {
                Object e = Array.get(array, i);
                if (e != null && e.getClass().isArray()) {
                    count += elements(e, cap - count);
                }
            }
        }
        return count;
    }

    /** JShell's array format, {@code int[3] { 1, 2, 3 }}, stopping at {@code max} characters with a count of the rest. */
    private static void appendArray(StringBuilder sb, Object array, int max) {
        int dims = 0;
        Class<?> t = array.getClass();
        while (t.getComponentType() != null) {
            t = t.getComponentType();
            dims++;
        }
        String name = t.getTypeName();
        int n = Array.getLength(array);
        sb.append(name.substring(name.lastIndexOf('.') + 1)).append('[').append(n).append(']');
        sb.append("[]".repeat(dims - 1)).append(" { ");
        for (int i = 0; i < n; i++) {
            if (sb.length() >= max) {
                sb.append("… ").append(n - i).append(" more elements not shown");
                break;
            }
            Object e = Array.get(array, i);
            if (e != null && e.getClass().isArray()) {
                appendArray(sb, e, max);
            } else if (e instanceof String && ((String) e).length() > max - sb.length()) {
                sb.append(valueString(((String) e).substring(0, Math.max(0, max - sb.length())))).append(" …");
            } else {
                sb.append(valueString(e));
            }
            if (i < n - 1) {
                sb.append(", ");
            }
        }
        sb.append(" }");
    }

    /** A value's description when the value itself is too big to describe in full. */
    private static final class Text {
        private final String text;

        Text(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Hands JShell a {@link CapturingExecutionControl} and keeps it for the evaluator. */
    static final class Provider implements ExecutionControlProvider {
        private final OutputLimit limit;
        private volatile CapturingExecutionControl generated;

        /** @param limit how much text a value may show */
        Provider(OutputLimit limit) {
            this.limit = limit;
        }

        @Override
        public String name() {
            return "layerwise-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            generated = new CapturingExecutionControl(limit);
            return generated;
        }

        /** @return the engine JShell runs on, or null before JShell has started */
        CapturingExecutionControl generated() {
            return generated;
        }
    }
}
