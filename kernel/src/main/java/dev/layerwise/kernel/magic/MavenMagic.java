package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %maven [--offline] G:A:V ...}: resolves artifacts and their runtime dependencies from
 * Maven Central (through the local repository) and adds them to the class path. Coordinates follow
 * Maven Resolver: {@code G:A:V} or {@code G:A:EXTENSION:CLASSIFIER:V}, e.g. a native jar
 * {@code ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1}.
 */
final class MavenMagic implements Magic {
    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String usage() {
        return "%maven [--offline] G:A[:EXT[:CLASSIFIER]]:V ...";
    }

    @Override
    public String help() {
        return "Resolves artifacts with dependencies (Maven Central, ~/.m2) onto the class path;"
                + " Java: org.eclipse.aether.RepositorySystem.resolveDependencies + JShell.addToClasspath.";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) throws Exception {
        boolean offline = Boolean.getBoolean("layerwise.maven.offline");
        List<String> coords = new ArrayList<>();
        for (String a : args.strip().split("\\s+")) {
            if (a.equals("--offline") || a.equals("-o")) {
                offline = true;
            } else if (!a.isBlank()) {
                coords.add(a);
            }
        }
        if (coords.isEmpty()) {
            throw new IllegalArgumentException("no coordinates given");
        }
        for (String c : coords) {
            int colons = c.length() - c.replace(":", "").length();
            if (colons < 2 || colons > 4) {
                throw new IllegalArgumentException("'" + c + "' is not G:A:V or G:A:EXT:CLASSIFIER:V");
            }
        }
        List<Path> files = new MavenResolver(offline).resolve(coords);
        List<String> paths = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
        context.evaluator().addToClasspath(String.join(File.pathSeparator, paths));
        context.out().println("Resolved " + String.join(", ", coords) + (offline ? " (offline)" : "")
                + "; added " + paths.size() + " jar" + (paths.size() == 1 ? "" : "s") + " to the class path:");
        paths.forEach(p -> context.out().println("  " + p));
        return CellOutcome.nothing();
    }
}
