"""Runs the tutorials at a scale and over seeds, reports each run, and with --record writes tutorials/RESULTS.md.

Usage (bin/layerwise tutorials passes --root and --kernel):
  /usr/bin/python3 run_tutorials.py --root DIR --kernel NAME [--scale N] [--seeds 1,2,3] [--only 05,07]
                                    [--record] [--out DIR] [--timeout SECONDS] [--lock FILE]

Each run sets LAYERWISE_TUTORIAL_SCALE and LAYERWISE_TUTORIAL_SEED for the kernel, executes the notebook through
nbclient and reports pass or fail, wall time, the "claim: ..." lines its claim cells print, the assertion message of
a failure, and the size of its saved outputs: a cell whose outputs exceed 512 KB, or a notebook over 2 MB once
executed, fails the run (the live views must stay small enough to commit and to render on a repository page).
With --record, RESULTS.md is rewritten after every run, so a stopped command leaves the runs it finished.
With --lock FILE each run waits for an exclusive flock on FILE first, so runs queue with other heavy jobs that take
the same lock; the time reported is the run's own.
"""
import argparse, contextlib, datetime, fcntl, glob, json, os, platform, subprocess, sys, time
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELL_LIMIT = 512 * 1024
NOTEBOOK_LIMIT = 2 * 1024 * 1024
CLAIM = "claim:"


def parse_args():
    p = argparse.ArgumentParser(description="run every tutorial at a scale and seeds")
    p.add_argument("--root", required=True, help="the repository")
    p.add_argument("--kernel", required=True, help="the kernelspec's name")
    p.add_argument("--scale", type=int, default=1, help="LAYERWISE_TUTORIAL_SCALE (default 1)")
    p.add_argument("--seeds", default="1", help="comma-separated LAYERWISE_TUTORIAL_SEED values (default 1)")
    p.add_argument("--only", default="", help="comma-separated tutorial numbers, e.g. 05,07 (default all)")
    p.add_argument("--record", action="store_true", help="write tutorials/RESULTS.md")
    p.add_argument("--out", default="", help="folder for the executed notebooks (default: not kept)")
    p.add_argument("--timeout", type=int, default=1800, help="seconds one cell may run (default 1800)")
    p.add_argument("--lock", default="", help="a file to hold an exclusive flock on during each run")
    a = p.parse_args()
    try:
        a.seed_list = [int(s) for s in a.seeds.split(",") if s.strip()]
    except ValueError:
        p.error("--seeds takes whole numbers separated by commas, e.g. 1,2,3; got %r" % a.seeds)
    if a.scale < 1:
        p.error("--scale must be 1 or more, got %d" % a.scale)
    return a


def tutorials(root, only):
    paths = sorted(p for p in glob.glob(os.path.join(root, "tutorials", "[0-9][0-9]-*.ipynb"))
                   if not p.endswith(".executed.ipynb"))
    wanted = [w.strip().zfill(2) for w in only.split(",") if w.strip()]
    chosen = [p for p in paths if not wanted or os.path.basename(p)[:2] in wanted]
    missing = [w for w in wanted if not any(os.path.basename(p)[:2] == w for p in paths)]
    if missing:
        sys.exit("layerwise tutorials: no tutorial numbered %s under %s/tutorials" % (", ".join(missing), root))
    return chosen


def claims(nb):
    """The lines beginning 'claim:' that the cells printed, without the prefix."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                found += [l[len(CLAIM):].strip() for l in out.get("text", "").splitlines() if l.startswith(CLAIM)]
    return found


def sizes(nb):
    """(bytes of the executed notebook, bytes of the largest cell's outputs, that cell's index)."""
    largest, where = 0, -1
    for i, cell in enumerate(nb.cells):
        n = len(json.dumps(cell.get("outputs", [])))
        if n > largest:
            largest, where = n, i
    return len(nbformat.writes(nb).encode("utf-8")), largest, where


@contextlib.contextmanager
def locked(path):
    if not path:
        yield
        return
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def run_one(path, kernel, scale, seed, timeout, out_dir):
    os.environ["LAYERWISE_TUTORIAL_SCALE"] = str(scale)
    os.environ["LAYERWISE_TUTORIAL_SEED"] = str(seed)
    nb = nbformat.read(path, as_version=4)
    error = ""
    load = os.getloadavg()[0]
    t0 = time.time()
    try:
        NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=False).execute()
    except CellExecutionError as e:
        error = "%s: %s" % (e.ename, e.evalue) if getattr(e, "ename", None) else str(e).strip().splitlines()[-1]
    except Exception as e:  # the kernel died or timed out: say which
        error = "%s: %s" % (type(e).__name__, str(e).strip().splitlines()[-1] if str(e).strip() else "")
    seconds = time.time() - t0
    total, largest, cell = sizes(nb)
    if not error and largest > CELL_LIMIT:
        error = "output too large: cell %d has %d KB of outputs (limit %d KB)" % (cell, largest // 1024, CELL_LIMIT // 1024)
    if not error and total > NOTEBOOK_LIMIT:
        error = "output too large: %d KB executed (limit %d KB)" % (total // 1024, NOTEBOOK_LIMIT // 1024)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
        name = os.path.basename(path).replace(".ipynb", "-scale%d-seed%d.ipynb" % (scale, seed))
        nbformat.write(nb, os.path.join(out_dir, name))
    return {"name": os.path.basename(path)[:-len(".ipynb")], "seed": seed, "ok": not error, "error": error,
            "seconds": seconds, "load": load, "bytes": total, "largest": largest, "largest_cell": cell, "claims": claims(nb)}


def describe(r):
    return "%s %s seed %d: %.0f s (load %.1f at start), %d KB executed (largest cell %d: %d KB)" % (
        "PASS" if r["ok"] else "FAIL", r["name"], r["seed"], r["seconds"], r["load"], r["bytes"] // 1024,
        r["largest_cell"], r["largest"] // 1024)


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return "%s, %d cores, %s %s" % (model, os.cpu_count() or 0, platform.system(), platform.machine())


def git(root, *args):
    try:
        return subprocess.run(["git", "-C", root] + list(args), capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def record(root, args, results, planned, started, loads):
    commit = git(root, "rev-parse", "--short", "HEAD") or "unknown"
    if git(root, "status", "--porcelain", "--", "tutorials", ":!tutorials/RESULTS.md", "lib/src/main", "kernel/src/main"):
        commit += " (with uncommitted changes)"
    passed = sum(r["ok"] for r in results)
    lines = ["# Tutorial results", "",
             "Written by `bin/layerwise tutorials --scale %d --seeds %s%s --record`; rerun it to refresh this file."
             % (args.scale, args.seeds, " --only " + args.only if args.only else ""), "",
             "- date: %s UTC" % started.strftime("%Y-%m-%d %H:%M"),
             "- commit: %s" % commit,
             "- machine: %s" % machine(),
             "- load average (1 min) when the command started and ended: %.2f, %.2f (each run's is in the table)" % loads,
             "- scale: %d (`LAYERWISE_TUTORIAL_SCALE`), seeds: %s (`LAYERWISE_TUTORIAL_SEED`)" % (args.scale, args.seeds),
             "- %d of %d runs passed%s" % (passed, len(results), "" if len(results) == planned else
                                           " (%d runs planned; the command was still running or was stopped)" % planned), "",
             "| tutorial | seed | result | time | load at start | executed size |", "|---|---|---|---|---|---|"]
    for r in results:
        lines.append("| %s | %d | %s | %.0f s | %.1f | %d KB |" % (r["name"], r["seed"], "pass" if r["ok"] else "**fail**",
                                                                   r["seconds"], r["load"], r["bytes"] // 1024))
    lines += ["", "## What the claim cells measured", ""]
    for r in results:
        lines.append("**%s**, seed %d%s" % (r["name"], r["seed"], "" if r["ok"] else " — failed: `%s`" % r["error"]))
        lines += [""] + ["- " + c for c in r["claims"]] + [""] if r["claims"] else ["", "- (no claim line printed)", ""]
    with open(os.path.join(root, "tutorials", "RESULTS.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines).rstrip() + "\n")


def main():
    args = parse_args()
    paths = tutorials(args.root, args.only)
    started, load0 = datetime.datetime.now(datetime.timezone.utc), os.getloadavg()[0]
    print("tutorials at scale %d, seeds %s: %d run(s)" % (args.scale, args.seeds, len(paths) * len(args.seed_list)),
          flush=True)
    results = []
    for path in paths:
        for seed in args.seed_list:
            with locked(args.lock):
                r = run_one(path, args.kernel, args.scale, seed, args.timeout, args.out)
            results.append(r)
            if args.record:  # after every run, so a stopped command leaves the runs it finished
                record(args.root, args, results, len(paths) * len(args.seed_list), started,
                       (load0, os.getloadavg()[0]))
            print(describe(r), flush=True)
            for c in r["claims"]:
                print("    claim: " + c, flush=True)
            if r["error"]:
                print("    " + r["error"], flush=True)
    failed = [r for r in results if not r["ok"]]
    print("%d of %d runs passed" % (len(results) - len(failed), len(results)), flush=True)
    if args.record:
        print("wrote " + os.path.join(args.root, "tutorials", "RESULTS.md"), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
