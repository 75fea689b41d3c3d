package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code %load FILE}: runs a Java/JShell source file as if it were this cell. */
final class LoadMagic implements Magic {
    @Override
    public String name() {
        return "load";
    }

    @Override
    public String usage() {
        return "%load FILE";
    }

    @Override
    public String help() {
        return "Runs the snippets in FILE (magic lines included) in this session; Java: jdk.jshell.JShell.eval(String).";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) throws IOException {
        if (args.isBlank()) {
            throw new IllegalArgumentException("no file given");
        }
        Path file = Path.of(args.strip());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + args.strip() + "' is not a file (looked at " + file.toAbsolutePath() + ")");
        }
        String source = Files.readString(file, StandardCharsets.UTF_8);
        long lines = source.lines().count();
        context.out().println("Loading " + file + " (" + lines + " line" + (lines == 1 ? "" : "s") + ")");
        context.out().flush();
        return context.magics().runCell(source);
    }
}
