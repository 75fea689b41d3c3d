package dev.layerwise.kernel.eval;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The javadoc of class-path classes whose sources jar lies beside them, for the Shift-Tab entries
 * JShell leaves without one.
 *
 * <p>JShell's {@code SourceCodeAnalysis.documentation} reads javadoc only from the JDK's own
 * {@code src.zip} (JDK 17 to 25 look nowhere else), so the library's javadoc never reaches it. This
 * class finds it instead: for a jar {@code X.jar} on the class path it reads {@code X-sources.jar}
 * beside it, and for a class folder such as {@code lib/target/classes} the {@code *-sources.jar} in
 * the folder above (the library's build makes one). It parses the one source file a signature
 * names with javac's public tree API and matches the member by name and parameter types.
 */
final class SourceJavadoc implements AutoCloseable {
    private final List<Path> roots;
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private StandardJavaFileManager files;
    private Map<String, List<String>> classesBySimpleName;
    private final Map<String, List<Declaration>> parsed = new HashMap<>();

    /**
     * A documented declaration in a source file: the class path within the file ({@code Outer.Inner}), the
     * member's name ({@code ""} for the class itself, {@code <init>} for a constructor) and its erased
     * parameter types (null for classes and fields).
     */
    private record Declaration(String owner, String name, List<String> parameters, String javadoc) {}

    /** @param roots sources jars or folders */
    SourceJavadoc(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /**
     * The sources beside a class path: {@code X-sources.jar} for {@code X.jar}, and the
     * {@code *-sources.jar} files in the folder above a class folder.
     *
     * @param classPath entries separated by {@link File#pathSeparator}
     * @return the sources found, in class-path order
     */
    static List<Path> besideClassPath(List<String> classPath) {
        Set<Path> found = new LinkedHashSet<>();
        for (String entry : classPath) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.endsWith(".jar") && !name.endsWith("-sources.jar")) {
                Path sources = p.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-sources.jar");
                if (Files.isRegularFile(sources)) {
                    found.add(sources);
                }
            } else if (Files.isDirectory(p) && p.getParent() != null) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(p.getParent(), "*-sources.jar")) {
                    jars.forEach(found::add);
                } catch (IOException e) {
                    // an unreadable folder has no sources for us
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** @return whether any sources were found */
    boolean hasSources() {
        return !roots.isEmpty();
    }

    /**
     * @param signature a signature as JShell writes it, e.g. {@code History Learner.fit(int epochs)}
     * @return the declaration's javadoc, or null when its source or comment is not found
     */
    synchronized String find(String signature) {
        if (roots.isEmpty() || javac == null) {
            return null;
        }
        JShellSignature s = JShellSignature.parse(signature);
        if (s == null) {
            return null;
        }
        try {
            for (String[] file : topLevelCandidates(s.owner())) {
                String doc = find(file[0], file[1], s);
                if (doc != null) {
                    return doc;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // help is best effort: a broken sources jar must not break Shift-Tab
        }
        return null;
    }

    private String find(String topLevel, String owner, JShellSignature s) throws IOException {
        String fallback = null;
        int sameArity = 0;
        for (Declaration d : declarations(topLevel)) {
            if (!d.owner().equals(owner) || !d.name().equals(s.member())
                    || (d.parameters() == null) != (s.parameters() == null)) {
                continue;
            }
            if (d.parameters() == null || d.parameters().equals(s.parameters())) {
                return d.javadoc();
            }
            if (d.parameters().size() == s.parameters().size()) {
                sameArity++;
                fallback = d.javadoc();
            }
        }
        return sameArity == 1 ? fallback : null;
    }

    /**
     * The source files a class as JShell shows it may live in: a qualified name is looked up as it
     * is, a simple name (an imported class) among the sources' classes of that name.
     *
     * @return pairs of the top-level class's binary name and the owner path within its file
     */
    private List<String[]> topLevelCandidates(String owner) throws IOException {
        String[] parts = owner.split("\\.");
        int top = 0;
        while (top < parts.length && !Character.isUpperCase(parts[top].charAt(0))) {
            top++;
        }
        if (top == parts.length) {
            return List.of();
        }
        String ownerPath = String.join(".", List.of(parts).subList(top, parts.length));
        List<String[]> candidates = new ArrayList<>();
        if (top > 0) {
            candidates.add(new String[] {String.join(".", List.of(parts).subList(0, top + 1)), ownerPath});
        } else {
            for (String fqn : classesBySimpleName().getOrDefault(parts[0], List.of())) {
                candidates.add(new String[] {fqn, ownerPath});
            }
        }
        return candidates;
    }

    private StandardJavaFileManager files() throws IOException {
        if (files == null) {
            files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
            files.setLocationFromPaths(StandardLocation.SOURCE_PATH, roots);
        }
        return files;
    }

    private Map<String, List<String>> classesBySimpleName() throws IOException {
        if (classesBySimpleName == null) {
            Map<String, List<String>> index = new HashMap<>();
            for (JavaFileObject f : files().list(StandardLocation.SOURCE_PATH, "", Set.of(JavaFileObject.Kind.SOURCE), true)) {
                String fqn = files().inferBinaryName(StandardLocation.SOURCE_PATH, f);
                if (fqn != null) {
                    index.computeIfAbsent(fqn.substring(fqn.lastIndexOf('.') + 1), k -> new ArrayList<>()).add(fqn);
                }
            }
            classesBySimpleName = index;
        }
        return classesBySimpleName;
    }

    /** Every documented declaration of one source file, parsed once. */
    private List<Declaration> declarations(String topLevel) throws IOException {
        List<Declaration> known = parsed.get(topLevel);
        if (known != null) {
            return known;
        }
        List<Declaration> found = new ArrayList<>();
        JavaFileObject source = files().getJavaFileForInput(StandardLocation.SOURCE_PATH, topLevel, JavaFileObject.Kind.SOURCE);
        if (source != null) {
            JavacTask task = (JavacTask) javac.getTask(null, files(), d -> { }, List.of("-proc:none"), null, List.of(source));
            DocTrees trees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Scanner(trees, found).scan(unit, null);
            }
        }
        parsed.put(topLevel, found);
        return found;
    }

    /** Collects classes, methods, constructors and fields with their javadoc. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final DocTrees trees;
        private final List<Declaration> found;
        private final List<String> owners = new ArrayList<>();

        Scanner(DocTrees trees, List<Declaration> found) {
            this.trees = trees;
            this.found = found;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            owners.add(tree.getSimpleName().toString());
            try {
                add("", null);
                return super.visitClass(tree, unused);
            } finally {
                owners.remove(owners.size() - 1);
            }
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
            List<String> params = new ArrayList<>();
            for (VariableTree p : tree.getParameters()) {
                params.add(JShellSignature.erase(p.getType().toString()));
            }
            add(tree.getName().toString(), params); // a constructor's name is <init>
            return null; // nothing documented inside a body
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
            add(tree.getName().toString(), null); // a field: method bodies and parameters are not scanned
            return null;
        }

        /** A member of the class being scanned; a class itself is its own member {@code ""}. */
        private void add(String name, List<String> params) {
            String doc = trees.getDocComment(getCurrentPath());
            if (doc != null && !doc.isBlank()) {
                // javac keeps the space after each line's '*': drop it, as the comment's author wrote the text
                found.add(new Declaration(String.join(".", owners), name, params, doc.replaceAll("(?m)^ ", "").strip()));
            }
        }
    }

    @Override
    public synchronized void close() {
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                // nothing to keep
            }
            files = null;
        }
    }
}
