package dev.layerwise.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every session starts with: the library's public packages (its table of contents),
 * a few DJL types, JShell's usual {@code java.*} packages, and {@code display(x)}, the call IPython
 * users type to show a value before the cell ends.
 *
 * <p>Library packages are found by scanning the jar or class folder that holds
 * {@code dev.layerwise.runtime.Layerwise}, so a package that does not exist yet is never imported (that
 * would be a compile error). When a library class has the same simple name as a class in one of
 * the imported {@code java.*} packages, a single-type import makes the library's class win.
 */
public final class StartupImports {
    /** Library packages in the order the session imports them. */
    static final List<String> LIBRARY_PACKAGES = List.of("dev.layerwise.runtime", "dev.layerwise.nn",
            "dev.layerwise.train", "dev.layerwise.optim", "dev.layerwise.loss", "dev.layerwise.data",
            "dev.layerwise.stats", "dev.layerwise.plot", "dev.layerwise.pretrain", "dev.layerwise.search",
            "dev.layerwise.io", "dev.layerwise.display");
    /** Single DJL types users meet in cells. */
    static final List<String> DJL_TYPES = List.of("ai.djl.ndarray.NDArray", "ai.djl.ndarray.NDManager",
            "ai.djl.ndarray.types.Shape", "ai.djl.Device");
    /** Static methods every cell can call by their simple name, as {@code Class.method}. */
    static final List<String> STATIC_METHODS = List.of("dev.layerwise.display.Display.display");
    /** The {@code java.*} packages the {@code jshell} tool imports by default (less prefs). */
    static final List<String> JAVA_PACKAGES = List.of("java.io", "java.math", "java.net", "java.nio.file",
            "java.util", "java.util.concurrent", "java.util.function", "java.util.regex", "java.util.stream");

    private StartupImports() {}

    /**
     * Builds the import statements, one per list entry, in evaluation order.
     *
     * @param libraryAnchor a class from the library, to find its jar or folder
     * @return statements such as {@code import dev.layerwise.nn.*;}
     */
    public static List<String> build(Class<?> libraryAnchor) {
        Map<String, List<String>> publicClasses = scan(libraryAnchor);
        List<String> imports = new ArrayList<>();
        for (String p : JAVA_PACKAGES) {
            imports.add("import " + p + ".*;");
        }
        for (String p : LIBRARY_PACKAGES) {
            if (publicClasses.containsKey(p)) {
                imports.add("import " + p + ".*;");
            }
        }
        for (String t : DJL_TYPES) {
            if (exists(t)) {
                imports.add("import " + t + ";");
            }
        }
        for (String m : STATIC_METHODS) {
            if (exists(m.substring(0, m.lastIndexOf('.')))) {
                imports.add("import static " + m + ";");
            }
        }
        for (String p : LIBRARY_PACKAGES) {
            for (String simple : publicClasses.getOrDefault(p, List.of())) {
                for (String jp : JAVA_PACKAGES) {
                    if (exists(jp + "." + simple)) {
                        imports.add("import " + p + "." + simple + ";");
                        break;
                    }
                }
            }
        }
        return imports;
    }

    /** Library package → public top-level class simple names, for the packages we import. */
    static Map<String, List<String>> scan(Class<?> anchor) {
        Set<String> names = new TreeSet<>();
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(location.relativize(f).toString().replace(File.separatorChar, '/')));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.endsWith(".class")) {
                            names.add(n);
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot list the library's classes next to " + anchor.getName()
                    + " (" + e + "); expected the layerwise-lib jar or lib/target/classes on the class path.", e);
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String n : names) {
            if (n.contains("$") || n.endsWith("package-info.class") || n.endsWith("module-info.class")) {
                continue;
            }
            String className = n.substring(0, n.length() - ".class".length()).replace('/', '.');
            int dot = className.lastIndexOf('.');
            String pkg = dot < 0 ? "" : className.substring(0, dot);
            if (!LIBRARY_PACKAGES.contains(pkg)) {
                continue;
            }
            try {
                Class<?> c = Class.forName(className, false, anchor.getClassLoader());
                if (Modifier.isPublic(c.getModifiers())) {
                    result.computeIfAbsent(pkg, k -> new ArrayList<>()).add(c.getSimpleName());
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that cannot load is not part of the usable API; skip it
            }
        }
        return result;
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, StartupImports.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
