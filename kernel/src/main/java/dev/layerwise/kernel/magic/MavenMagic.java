package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code %maven [--offline] G:A:V ...}: resolves artifacts and their runtime dependencies through
 * the local repository from Maven Central and the repositories configured before the kernel started
 * ({@link MavenRepositories}), and adds them to the class path. Coordinates follow Maven Resolver:
 * {@code G:A:V} or {@code G:A:EXTENSION:CLASSIFIER:V}, e.g. a native jar
 * {@code ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1}.
 *
 * <p>A cell cannot name a repository: a URL or a {@code --repo} option is refused before anything
 * is contacted, and coordinates are checked so that no part can leave the local repository's folder.
 */
final class MavenMagic implements Magic {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_\\[(][A-Za-z0-9_.+,\\-\\[\\]()]*");

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String usage() {
        return "%maven [--offline] G:A[:EXT[:CLASSIFIER]]:V ...";
    }

    @Override
    public List<String> arguments(MagicContext context) {
        return List.of("--offline");
    }

    @Override
    public String help() {
        return "Resolves artifacts with dependencies (Maven Central, configured repositories, ~/.m2) onto the class path;"
                + " Java: org.eclipse.aether.RepositorySystem.resolveDependencies + JShell.addToClasspath.";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) throws Exception {
        boolean offline = Boolean.getBoolean("layerwise.maven.offline");
        List<String> coords = new ArrayList<>();
        for (String a : args.strip().split("\\s+")) {
            if (a.equals("--offline") || a.equals("-o")) {
                offline = true;
            } else if (a.contains("://") || a.startsWith("file:") || a.matches("-r|--repo(sitory)?(=.*)?")) {
                throw new IllegalArgumentException("refused '" + a + "': %maven downloads only from the configured"
                        + " repositories, " + MavenRepositories.describe(MavenRepositories.configured()) + "; a cell cannot add one."
                        + " To trust another repository, " + MavenRepositories.howToConfigure()
                        + "; or put a downloaded jar on the class path with %classpath.");
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + a + "'; the only option is --offline");
            } else if (!a.isBlank()) {
                check(a);
                coords.add(a);
            }
        }
        if (coords.isEmpty()) {
            throw new IllegalArgumentException("no coordinates given");
        }
        MavenResolver resolver = new MavenResolver(MavenResolver.localRepository(), MavenRepositories.configured(), offline);
        List<Path> files = resolver.resolve(coords);
        List<String> paths = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
        context.evaluator().addToClasspath(String.join(File.pathSeparator, paths));
        context.out().println("Resolved " + String.join(", ", coords)
                + (offline ? " (offline)" : " from " + MavenRepositories.describe(resolver.repositories()))
                + "; added " + paths.size() + " jar" + (paths.size() == 1 ? "" : "s") + " to the class path:");
        paths.forEach(p -> context.out().println("  " + p));
        return CellOutcome.nothing();
    }

    /** Refuses coordinates Maven would not accept, or whose parts could name a path outside the local repository. */
    private static void check(String coordinate) {
        String[] parts = coordinate.split(":", -1);
        boolean ok = parts.length >= 3 && parts.length <= 5 && !coordinate.contains("..");
        for (int i = 0; ok && i < parts.length - 1; i++) {
            ok = NAME.matcher(parts[i]).matches();
        }
        if (!ok || !VERSION.matcher(parts[parts.length - 1]).matches()) {
            throw new IllegalArgumentException("'" + coordinate + "' is not G:A:V or G:A:EXT:CLASSIFIER:V"
                    + " (letters, digits, '.', '_', '-'; a version may be a range like [1.0,2.0)),"
                    + " e.g. com.google.code.gson:gson:2.13.2");
        }
    }
}
