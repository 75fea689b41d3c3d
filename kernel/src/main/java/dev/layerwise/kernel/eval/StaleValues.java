package dev.layerwise.kernel.eval;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lets go of values that no name in the notebook reaches any more.
 *
 * <p>JShell keeps each variable in a static field of its snippet's class. When a cell declares
 * {@code var learner = ...} again, or a variable is recompiled because one it depends on changed,
 * the new value lives in a new class, and the old class, which stays loaded, still holds the old
 * value: a notebook that re-runs its cells would keep every learner it ever made, with all their
 * native memory. So for each variable name only the newest class declaring it keeps its value;
 * older ones, and those of dropped variables (JShell's {@code $1}, {@code $2} for expression
 * values), are set to null. Only JShell's top-level wrapper classes are touched, never classes
 * a cell declares.
 */
final class StaleValues {
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*");

    /** Variable name → the wrapper classes declaring it, oldest first. */
    private final Map<String, List<String>> owners = new LinkedHashMap<>();

    /**
     * Notes the variables a newly loaded class declares.
     *
     * @param className the class's binary name
     * @param classFile its bytes
     */
    synchronized void loaded(String className, byte[] classFile) {
        if (!WRAPPER.matcher(className).matches()) {
            return;
        }
        for (String field : staticFields(classFile)) {
            owners.computeIfAbsent(field, k -> new ArrayList<>()).add(className);
        }
    }

    /**
     * Sets stale fields to null: every class declaring a name that is no longer a live variable,
     * and all but the newest for one that is.
     *
     * @param live the names of the variables JShell has now
     * @param finder loads a snippet class by name
     * @return how many fields were cleared
     */
    synchronized int release(Set<String> live, ClassFinder finder) {
        int cleared = 0;
        for (Iterator<Map.Entry<String, List<String>>> it = owners.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<String>> e = it.next();
            List<String> classes = e.getValue();
            int keep = live.contains(e.getKey()) ? 1 : 0;
            while (classes.size() > keep) {
                cleared += clear(finder, classes.remove(0), e.getKey());
            }
            if (classes.isEmpty()) {
                it.remove();
            }
        }
        return cleared;
    }

    /**
     * @param name a variable's name
     * @return the binary name of the newest class declaring it, which holds its current value, or null
     */
    synchronized String newestOwner(String name) {
        List<String> classes = owners.get(name);
        return classes == null || classes.isEmpty() ? null : classes.get(classes.size() - 1);
    }

    private static int clear(ClassFinder finder, String className, String name) {
        try {
            Field field = finder.find(className).getDeclaredField(name);
            int mod = field.getModifiers();
            if (field.getType().isPrimitive() || !Modifier.isStatic(mod) || Modifier.isFinal(mod)) {
                return 0;
            }
            field.setAccessible(true);
            field.set(null, null);
            return 1;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println("(could not free the old value of " + name + ": " + e + ")");
            return 0;
        }
    }

    private static List<String> staticFields(byte[] classFile) {
        List<String> names = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
                if ((access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_SYNTHETIC) == 0) {
                    names.add(name);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return names;
    }

    /** Loads a snippet class by its binary name. */
    @FunctionalInterface
    interface ClassFinder {
        /**
         * @param className e.g. {@code REPL.$JShell$12}
         * @return the class
         * @throws ClassNotFoundException when it is not loaded
         */
        Class<?> find(String className) throws ClassNotFoundException;
    }
}
