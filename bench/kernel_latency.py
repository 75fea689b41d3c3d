#!/usr/bin/python3
"""Kernel latency through jupyter_client: Layerwise vs Debian's ipykernel, in the same run.

Measures, per kernel: start -> first kernel_info_reply, start -> first result of `1+1`,
median and p95 round trip of N executions of `1+1` sent right after that first result
(execute_request -> reply + idle), and shutdown_request -> process exit. For Layerwise also: a
fresh kernel's first cell that trains 100 steps (engine load and JShell warm-up included), from
execute_request to its reply.

Then the settled comparison: both kernels started side by side and left until their processes are
idle (Layerwise compiles throwaway snippets after start so that javac is JIT-compiled), and the cells
people run most (an expression, showing a variable, a method call on one, a declaration) sent to
one kernel and then the other, alternating which goes first, for `--rounds` rounds. Medians per
cell and kernel; the load average before and after is printed, since this machine is shared.

    /usr/bin/python3 bench/kernel_latency.py [--runs 200] [--repeat 3] [--rounds 100] [--json]
    /usr/bin/python3 bench/kernel_latency.py --settled-only [--also KERNEL]   # e.g. an earlier build's kernelspec

The kernel process's CPU per cell is printed too: on a shared machine it moves far less than the
round trip. LAYERWISE_KERNEL_TIMING=1 in the environment makes the kernel log each request's phases.

The Layerwise kernelspec is written to a temporary prefix with `bin/layerwise install --prefix`.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(kernel_name, runs):
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.kernel_info(reply=True, timeout=60)
    t_info = time.perf_counter() - t0
    # IOPub is a PUB socket: wait until our subscription sees messages (jupyter_client's own check)
    kc.wait_for_ready(timeout=60)
    reply = kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
    t_first = time.perf_counter() - t0
    assert reply["content"]["status"] == "ok", reply["content"]
    trips = []
    for _ in range(runs):
        s = time.perf_counter()
        kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
        trips.append((time.perf_counter() - s) * 1000)
    kc.stop_channels()
    proc = km.provisioner.process if km.provisioner else km.kernel
    s = time.perf_counter()
    km.request_shutdown()
    while proc.poll() is None and time.perf_counter() - s < 10:
        time.sleep(0.002)
    t_exit = time.perf_counter() - s
    exited = proc.poll() is not None
    km.shutdown_kernel(now=True)
    trips.sort()
    return {"info": t_info, "first": t_first, "median": statistics.median(trips),
            "p95": trips[int(0.95 * (len(trips) - 1))], "exit": t_exit if exited else float("nan")}


# 2,000 Fashion-MNIST images at batch 20: 100 steps of a 784-100-10 MLP
FIRST_TRAINING_CELL = """var learner = Learner.of(Net.input(784).dense(100).relu().dense(10),
        Datasets.fashionMnist().subset(2000).batchSize(20)).validate(false);
learner.fit(1).steps().size()"""


def first_training_cell(kernel_name):
    """A fresh kernel: seconds from the first cell's execute_request to its reply; checks 100 steps ran."""
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        results = []
        hook = lambda m: results.append(m) if m["msg_type"] == "execute_result" else None
        s = time.perf_counter()
        reply = kc.execute_interactive(FIRST_TRAINING_CELL, timeout=300, output_hook=hook)
        seconds = time.perf_counter() - s
        assert reply["content"]["status"] == "ok", reply["content"]
        steps = results[-1]["content"]["data"]["text/plain"].strip()
        assert steps == "100", "expected 100 steps, the cell returned " + steps
        return seconds
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


# (label, Layerwise cell, ipykernel cell): the same work in each language
SETTLED_SETUP = ('int n = 42; var s = "hello";', "n = 42; s = 'hello'")
SETTLED_CELLS = [("1+1", "1+1", "1+1"), ("show a variable", "n", "n"),
                 ("method call on a variable", "s.length()", "len(s)"), ("declaration", "int y = 3;", "y = 3")]


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far, from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid, limit=120.0):
    """Waits until the process used under 5 % of a core over a second; returns the seconds waited."""
    s = time.perf_counter()
    before = cpu_seconds(pid)
    while time.perf_counter() - s < limit:
        time.sleep(1.0)
        now = cpu_seconds(pid)
        if now - before < 0.05:
            break
        before = now
    return time.perf_counter() - s


def settled(rounds, extra=()):
    """Both kernels idle after start, then the same cells alternately: {label: {kernel: median ms}}.

    extra: more kernelspec names running Java cells (an earlier build, say), measured the same way."""
    from jupyter_client.manager import KernelManager
    kernels = []
    for name, index in [("layerwise", 1)] + [(e, 1) for e in extra] + [("python3", 2)]:
        km = KernelManager(kernel_name=name)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        reply = kc.execute_interactive(SETTLED_SETUP[index - 1], timeout=60, output_hook=lambda m: None)
        assert reply["content"]["status"] == "ok", reply["content"]
        kernels.append((name, index, km, kc))
    try:
        waited = {name: wait_until_idle((km.provisioner.process if km.provisioner else km.kernel).pid)
                  for name, _, km, _ in kernels}
        times = {(label, name): [] for label, _, _ in SETTLED_CELLS for name, _, _, _ in kernels}
        cpu = {(label, name): 0.0 for label, _, _ in SETTLED_CELLS for name, _, _, _ in kernels}
        pids = {name: (km.provisioner.process if km.provisioner else km.kernel).pid for name, _, km, _ in kernels}
        for r in range(rounds + 10):  # the first ten rounds warm up every side and are not counted
            order = kernels[r % len(kernels):] + kernels[:r % len(kernels)]
            for name, index, _, kc in order:
                for cell in SETTLED_CELLS:
                    c = cpu_seconds(pids[name])
                    s = time.perf_counter()
                    reply = kc.execute_interactive(cell[index], timeout=60, output_hook=lambda m: None)
                    ms = (time.perf_counter() - s) * 1000
                    assert reply["content"]["status"] == "ok", (cell, reply["content"])
                    if r >= 10:
                        times[(cell[0], name)].append(ms)
                        cpu[(cell[0], name)] += cpu_seconds(pids[name]) - c
        # The kernel process's own CPU per cell (all its threads; /proc counts in clock ticks, so only the mean
        # over many cells is meaningful): unlike the round trip, it hardly depends on what else the machine runs.
        return {label: {name: statistics.median(times[(label, name)]) for name, _, _, _ in kernels}
                for label, _, _ in SETTLED_CELLS}, \
            {label: {name: 1000 * cpu[(label, name)] / rounds for name, _, _, _ in kernels}
             for label, _, _ in SETTLED_CELLS}, waited
    finally:
        for _, _, km, kc in kernels:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=1, help="kernel starts per kernel; the median is reported")
    ap.add_argument("--rounds", type=int, default=100, help="rounds of the settled comparison (0: skip it)")
    ap.add_argument("--settled-only", action="store_true", help="run only the settled comparison")
    ap.add_argument("--also", action="append", default=[], metavar="KERNEL",
                    help="another installed Java kernelspec for the settled comparison, e.g. an earlier build")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = ap.parse_args()
    prefix = tempfile.mkdtemp(prefix="layerwise-bench-")
    subprocess.run([os.path.join(ROOT, "bin", "layerwise"), "install", "--prefix", prefix], check=True,
                   stdout=subprocess.DEVNULL)
    # first in the path, so this checkout's kernel is the 'layerwise' measured; kernels for --also stay reachable
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (os.path.join(prefix, "share", "jupyter"),
                                                             os.environ.get("JUPYTER_PATH")) if p)
    if args.settled_only:
        load_before = os.getloadavg()
        calm, cpu, waited = settled(args.rounds, args.also)
        print(json.dumps({"settled": calm, "cpu_ms_per_cell": cpu, "rounds": args.rounds, "settle_wait_s": waited,
                          "load": [load_before, os.getloadavg()]}, indent=1))
        return 0
    results = {}
    for name in ("layerwise", "python3"):
        rows = [measure(name, args.runs) for _ in range(args.repeat)]
        results[name] = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    lw, py = results["layerwise"], results["python3"]
    lw["first_training_cell"] = statistics.median(first_training_cell("layerwise") for _ in range(args.repeat))
    load_before = os.getloadavg()
    calm, cpu, waited = settled(args.rounds, args.also) if args.rounds > 0 else ({}, {}, {})
    load_after = os.getloadavg()
    if args.json:
        print(json.dumps({"kernel": results, "runs": args.runs, "settled": calm, "cpu_ms_per_cell": cpu, "rounds": args.rounds,
                          "settle_wait_s": waited, "load": [load_before, load_after]}))
        return 0
    print("%-34s %12s %12s %8s" % ("metric", "layerwise", "ipykernel", "ratio"))
    for key, label, unit, scale in (("info", "start -> first kernel_info_reply", "s", 1),
                                    ("first", "start -> first result of 1+1", "s", 1),
                                    ("median", "1+1 round trip, median (%d runs)" % args.runs, "ms", 1),
                                    ("p95", "1+1 round trip, p95", "ms", 1),
                                    ("exit", "shutdown -> process exit", "s", 1)):
        print("%-34s %10.3f %s %10.3f %s %8.2f" % (label, lw[key], unit, py[key], unit, lw[key] / py[key]))
    print("%-34s %10.3f s" % ("first cell training 100 steps", lw["first_training_cell"]))
    if calm:
        print("\nsettled (both idle first: %s), median of %d rounds, alternating:"
              % (", ".join("%s %.0f s" % kv for kv in waited.items()), args.rounds))
        for title, table in (("round trip, median", calm), ("kernel process CPU per cell, mean", cpu)):
            print("%s:" % title)
            for label, per in table.items():
                print("%-34s %9.2f ms %9.2f ms %8.2f%s" % (
                    label, per["layerwise"], per["python3"], per["layerwise"] / max(per["python3"], 1e-9),
                    "".join("   %s %.2f ms (%.2f)" % (e, per[e], per[e] / max(per["python3"], 1e-9)) for e in args.also)))
        print("load average before / after: %s / %s" % tuple(" ".join("%.2f" % x for x in l) for l in (load_before, load_after)))
    targets = [("first kernel_info_reply < 1 s", lw["info"] < 1), ("first result < 2 s", lw["first"] < 2),
               ("1+1 median <= 2x ipykernel", lw["median"] <= 2 * py["median"]), ("shutdown < 1 s", lw["exit"] < 1)]
    if calm:
        targets.append(("settled 1+1 <= 2x ipykernel", calm["1+1"]["layerwise"] <= 2 * calm["1+1"]["python3"]))
    for label, ok in targets:
        print("target %-32s %s" % (label, "met" if ok else "MISSED"))


if __name__ == "__main__":
    sys.exit(main())
