package dev.layerwise.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether the rendered copies under {@code docs/rendered/} (written by {@code bin/layerwise render}) are still the
 * documents their sources under {@code tutorials/} and {@code notebooks/} are: the same cells, code and markdown,
 * in the same order, every code cell executed. Outputs are not compared: they are what rendering adds.
 */
final class RenderedCopies {
    static final List<String> FOLDERS = List.of("tutorials", "notebooks");
    static final String RENDERED = "docs/rendered";

    private RenderedCopies() {}

    /** One cell as the reader sees it: its kind, its text, and for code whether it ran and shows an SVG image. */
    record Cell(String type, String source, boolean executed, boolean svg) {}

    /**
     * Everything out of step under a project root, one sentence each naming the notebook, what differs and the
     * command that fixes it; empty when every source has a matching rendered copy, and every copy a source and a
     * link in the index {@code docs/rendered/README.md}.
     */
    static List<String> problems(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        Path indexFile = root.resolve(RENDERED).resolve("README.md");
        String index = Files.isRegularFile(indexFile) ? Files.readString(indexFile, StandardCharsets.UTF_8) : "";
        for (String folder : FOLDERS) {
            for (Path source : notebooks(root.resolve(folder))) {
                String name = stem(source);
                Path copy = root.resolve(RENDERED).resolve(folder).resolve(source.getFileName());
                if (!Files.isRegularFile(copy)) {
                    problems.add(folder + "/" + name + ".ipynb has no rendered copy " + RENDERED + "/" + folder + "/"
                            + name + ".ipynb: run bin/layerwise render " + name + " and commit it.");
                } else {
                    String problem = compare(folder + "/" + name + ".ipynb", cells(source), cells(copy));
                    if (problem != null) {
                        problems.add(problem + " Run bin/layerwise render " + name + " and commit "
                                + RENDERED + "/" + folder + "/" + name + ".ipynb.");
                    }
                }
            }
            for (Path copy : notebooks(root.resolve(RENDERED).resolve(folder))) {
                if (!Files.isRegularFile(root.resolve(folder).resolve(copy.getFileName()))) {
                    problems.add(RENDERED + "/" + folder + "/" + copy.getFileName() + " has no source " + folder
                            + "/" + copy.getFileName() + ": delete it (bin/layerwise render with no names removes"
                            + " such copies).");
                } else if (!index.contains("](" + folder + "/" + copy.getFileName() + ")")) {
                    problems.add(RENDERED + "/README.md does not link " + folder + "/" + copy.getFileName()
                            + ": run bin/layerwise render " + stem(copy) + ", which rewrites the index.");
                }
            }
        }
        return problems;
    }

    /** The first difference between a source's cells and its rendered copy's, or null when they are the same. */
    static String compare(String name, List<Cell> source, List<Cell> rendered) {
        for (int i = 0; i < Math.max(source.size(), rendered.size()); i++) {
            if (i >= rendered.size()) {
                return RENDERED + "/" + name + " has " + rendered.size() + " cells, its source " + name + " has "
                        + source.size() + ": the copy lacks cell " + (i + 1) + ", " + describe(source.get(i)) + ".";
            }
            if (i >= source.size()) {
                return RENDERED + "/" + name + " has " + rendered.size() + " cells, its source " + name + " has "
                        + source.size() + ": the copy's cell " + (i + 1) + ", " + describe(rendered.get(i))
                        + ", is not in the source.";
            }
            Cell s = source.get(i);
            Cell r = rendered.get(i);
            if (!s.type().equals(r.type()) || !s.source().equals(r.source())) {
                return RENDERED + "/" + name + " differs from its source " + name + " at cell " + (i + 1)
                        + ": the source has " + describe(s) + ", the rendered copy " + describe(r)
                        + firstDifferentLine(s, r) + ".";
            }
            if (r.type().equals("code") && !r.executed()) {
                return RENDERED + "/" + name + " was not executed: cell " + (i + 1) + " (" + describe(r) + ") has no"
                        + " execution count.";
            }
            if (r.svg()) {
                return RENDERED + "/" + name + " shows cell " + (i + 1) + "'s image as SVG, which GitHub's notebook"
                        + " viewer shows badly or not at all; the render keeps only the PNG of a chart that has both.";
            }
        }
        return null;
    }

    /** The cells of a notebook file, in order. */
    static List<Cell> cells(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        List<Cell> cells = new ArrayList<>();
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            JsonObject cell = e.getAsJsonObject();
            JsonElement count = cell.get("execution_count");
            boolean svg = false;
            if (cell.has("outputs")) {
                for (JsonElement out : cell.getAsJsonArray("outputs")) {
                    JsonObject data = out.getAsJsonObject().getAsJsonObject("data");
                    svg |= data != null && data.has("image/svg+xml");
                }
            }
            cells.add(new Cell(cell.get("cell_type").getAsString(), text(cell.get("source")),
                    count != null && !count.isJsonNull(), svg));
        }
        return cells;
    }

    /** nbformat stores a cell's text as one string or as a list of lines. */
    static String text(JsonElement source) {
        if (source == null || source.isJsonNull()) {
            return "";
        }
        if (!source.isJsonArray()) {
            return source.getAsString();
        }
        StringBuilder s = new StringBuilder();
        for (JsonElement line : (JsonArray) source) {
            s.append(line.getAsString());
        }
        return s.toString();
    }

    private static String describe(Cell cell) {
        String first = cell.source().lines().findFirst().orElse("");
        return "a " + cell.type() + " cell starting \"" + abbreviate(first) + "\"";
    }

    private static String firstDifferentLine(Cell s, Cell r) {
        if (!s.type().equals(r.type())) {
            return "";
        }
        List<String> a = s.source().lines().toList();
        List<String> b = r.source().lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(nothing)";
            String y = i < b.size() ? b.get(i) : "(nothing)";
            if (!x.equals(y)) {
                return "; line " + (i + 1) + " is \"" + abbreviate(x) + "\" in the source and \"" + abbreviate(y)
                        + "\" in the copy";
            }
        }
        return "; they differ in line endings or trailing whitespace";
    }

    private static String abbreviate(String line) {
        String s = line.strip();
        return s.length() <= 70 ? s : s.substring(0, 67) + "...";
    }

    private static List<Path> notebooks(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".ipynb") && !p.toString().endsWith(".executed.ipynb"))
                    .sorted().toList();
        }
    }

    private static String stem(Path notebook) {
        String n = notebook.getFileName().toString();
        return n.substring(0, n.length() - ".ipynb".length());
    }
}
