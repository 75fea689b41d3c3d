"""Executes tutorials and notebooks and writes copies with their outputs under docs/rendered/, for reading on the
repository's web page without running anything. bin/layerwise render runs it with a kernelspec of its own.

Usage: /usr/bin/python3 render_notebooks.py KERNEL_NAME ROOT [NAME...]

NAME is a notebook's file name with or without its folder and .ipynb (02-relu, tutorials/02-relu.ipynb); without
names every notebook under ROOT/tutorials and ROOT/notebooks is rendered, and rendered copies whose source is gone
are deleted. The index docs/rendered/README.md is rewritten every time. A notebook with a failing cell keeps its
previous rendered copy; the run goes on with the others and exits 1.

What a rendered copy changes (the cells themselves are the source's, which RenderedCopiesTest checks):
- a chart's image/svg+xml is dropped where the same output has image/png: GitHub's and nbconvert's viewers prefer
  SVG over PNG and then show inline SVG badly or not at all, while PNG shows everywhere (and takes less room);
- consecutive stream outputs are merged and text overwritten by carriage returns is dropped, as a terminal shows it.
Live outputs (progress bar, live chart) are already in their final state: nbclient replaces an output in place on
update_display_data.
"""
import glob, os, sys, tempfile, time, warnings
import nbformat

# The sources are nbformat 4.4, whose cells have no ids; nbformat 5 warns about that on every read and write.
warnings.filterwarnings("ignore", message="Code cell is missing an id field")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_notebooks import execute  # noqa: E402  the same kernel setup as the test suite's notebook run

FOLDERS = ("tutorials", "notebooks")
RENDERED = os.path.join("docs", "rendered")
LARGE = 2 * 1024 * 1024
SVG, PNG = "image/svg+xml", "image/png"


def sources(root):
    """(folder, stem) of every notebook source, tutorials first, in file-name order."""
    found = []
    for folder in FOLDERS:
        for path in sorted(glob.glob(os.path.join(root, folder, "*.ipynb"))):
            stem = os.path.basename(path)[:-len(".ipynb")]
            if not stem.endswith(".executed"):
                found.append((folder, stem))
    return found


def select(all_sources, names):
    """The sources the names mean; exits 2 naming what exists when a name matches none."""
    chosen = []
    for name in names:
        key = name[:-len(".ipynb")] if name.endswith(".ipynb") else name
        key = key.rstrip("/")
        hits = [s for s in all_sources if key in (s[1], s[0] + "/" + s[1])]
        if not hits:
            print("render: no notebook named %r; expected one of: %s" % (name, ", ".join(
                f + "/" + s for f, s in all_sources)), file=sys.stderr)
            sys.exit(2)
        chosen.extend(h for h in hits if h not in chosen)
    return chosen


def terminal_text(text):
    """What a terminal shows of text: in each line, only what follows its last carriage return."""
    return "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))


def publishable(nb):
    """nb with charts as PNG only and streams merged (see the module's doc); changes nb in place."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.outputs:
            if out.output_type in ("display_data", "execute_result"):
                if PNG in out.get("data", {}) and SVG in out.data:
                    del out.data[SVG]
                    out.get("metadata", {}).pop(SVG, None)
            if out.output_type == "stream":
                if merged and merged[-1].output_type == "stream" and merged[-1].name == out.name:
                    merged[-1].text += out.text
                    continue
            merged.append(out)
        for out in merged:
            if out.output_type == "stream":
                out.text = terminal_text(out.text)
        cell.outputs = merged
    return nb


def title(nb, fallback):
    """The notebook's first markdown heading, without its #s."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def images(nb):
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if PNG in o.get("data", {}))


def render(root, kernel, folder, stem):
    """Executes one source and writes its rendered copy; returns its size in bytes, or None when a cell failed."""
    src = os.path.join(root, folder, stem + ".ipynb")
    out = os.path.join(root, RENDERED, folder, stem + ".ipynb")
    nb = nbformat.read(src, as_version=4)
    t0 = time.time()
    try:
        with tempfile.TemporaryDirectory(prefix="layerwise-render-") as cwd:
            execute(nb, kernel, cwd)
    except Exception as e:
        print("FAIL %s/%s: %s\n     (its previous rendered copy, if any, is kept)" % (folder, stem, e), flush=True)
        return None
    os.makedirs(os.path.dirname(out), exist_ok=True)
    nbformat.write(publishable(nb), out)
    size = os.path.getsize(out)
    print("rendered %s/%s in %.0f s -> %s (%d KiB, %d images)%s" % (
        folder, stem, time.time() - t0, os.path.relpath(out, root), size // 1024, images(nb),
        "  LARGE: over 2 MiB, check its outputs" if size > LARGE else ""), flush=True)
    return size


def remove_orphans(root, all_sources):
    for folder in FOLDERS:
        for path in sorted(glob.glob(os.path.join(root, RENDERED, folder, "*.ipynb"))):
            if (folder, os.path.basename(path)[:-len(".ipynb")]) not in all_sources:
                os.remove(path)
                print("removed %s: its source is gone" % os.path.relpath(path, root), flush=True)


def write_index(root, all_sources):
    lines = ["# Tutorials and notebooks, rendered", "",
             "Each tutorial and notebook as it ran, with its outputs and charts, to read here without running",
             "anything. `bin/layerwise render` produced them (`bin/layerwise render NAME...` for some) at",
             "`LAYERWISE_TUTORIAL_SCALE=1`, the size the test suite runs; every claim in them is asserted in a cell.",
             "`RenderedCopiesTest` fails when a copy's cells differ from its source's: after editing a notebook,",
             "run `bin/layerwise render NAME` and commit the copy. Charts are PNG here (a live notebook also gets",
             "SVG).", ""]
    for folder in FOLDERS:
        rows = [(f, s) for f, s in all_sources if f == folder]
        if not rows:
            continue
        lines += ["## " + folder.capitalize(), "", "| rendered | source |", "|---|---|"]
        for f, s in rows:
            copy = os.path.join(root, RENDERED, f, s + ".ipynb")
            name = title(nbformat.read(os.path.join(root, f, s + ".ipynb"), as_version=4), s)
            shown = "[%s](%s/%s.ipynb)" % (name.replace("|", "\\|"), f, s) if os.path.exists(copy) \
                else "%s (not rendered yet)" % name.replace("|", "\\|")
            lines.append("| %s | [%s/%s.ipynb](../../%s/%s.ipynb) |" % (shown, f, s, f, s))
        lines.append("")
    with open(os.path.join(root, RENDERED, "README.md"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines))


def main(kernel, root, names):
    root = os.path.abspath(root)
    all_sources = sources(root)
    chosen = select(all_sources, names) if names else all_sources
    if not names:
        remove_orphans(root, all_sources)
    os.makedirs(os.path.join(root, RENDERED), exist_ok=True)
    failed = []
    for f, s in chosen:
        if render(root, kernel, f, s) is None:
            failed.append(f + "/" + s)
        write_index(root, all_sources)  # after each, so an interrupted run leaves an index of what it wrote
    print("%d rendered, %d failed%s; index: %s" % (len(chosen) - len(failed), len(failed),
          (" (" + ", ".join(failed) + ")") if failed else "", os.path.join(RENDERED, "README.md")), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
