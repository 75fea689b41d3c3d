package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code %classpath PATH}: adds jars or class folders ({@code dir/*} adds every jar in dir). */
final class ClasspathMagic implements Magic {
    @Override
    public String name() {
        return "classpath";
    }

    @Override
    public String usage() {
        return "%classpath PATH[" + File.pathSeparator + "PATH...]";
    }

    @Override
    public String help() {
        return "Adds jars or class folders (dir/* = all jars in dir) for later cells; Java: jdk.jshell.JShell.addToClasspath(String).";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) throws IOException {
        if (args.isBlank()) {
            throw new IllegalArgumentException("no path given");
        }
        List<String> added = new ArrayList<>();
        for (String raw : args.strip().split("[" + File.pathSeparator + "\\s]+")) {
            String entry = raw.startsWith("~/") ? System.getProperty("user.home") + raw.substring(1) : raw;
            if (entry.endsWith("/*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 2));
                requireExists(dir, raw);
                try (Stream<Path> jars = Files.list(dir)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> added.add(p.toAbsolutePath().toString()));
                }
            } else {
                Path p = Path.of(entry);
                requireExists(p, raw);
                added.add(p.toAbsolutePath().toString());
            }
        }
        context.evaluator().addToClasspath(String.join(File.pathSeparator, added));
        context.out().println("Added to the class path (" + added.size() + "):");
        added.forEach(a -> context.out().println("  " + a));
        return CellOutcome.nothing();
    }

    private static void requireExists(Path p, String raw) {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("'" + raw + "' does not exist (looked at " + p.toAbsolutePath()
                    + "); give a jar, a class folder, or dir/* for every jar in dir");
        }
    }
}
