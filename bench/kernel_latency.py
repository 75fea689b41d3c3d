#!/usr/bin/python3
"""Kernel latency through jupyter_client: Layerwise vs Debian's ipykernel, in the same run.

Measures, per kernel: start -> first kernel_info_reply, start -> first result of `1+1`,
median and p95 round trip of N executions of `1+1` (execute_request -> reply + idle),
and shutdown_request -> process exit. For Layerwise also: a fresh kernel's first cell that trains
100 steps (engine load and JShell warm-up included), from execute_request to its reply.

    /usr/bin/python3 bench/kernel_latency.py [--runs 200] [--repeat 3] [--json]

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=1, help="kernel starts per kernel; the median is reported")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = ap.parse_args()
    prefix = tempfile.mkdtemp(prefix="layerwise-bench-")
    subprocess.run([os.path.join(ROOT, "bin", "layerwise"), "install", "--prefix", prefix], check=True,
                   stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    results = {}
    for name in ("layerwise", "python3"):
        rows = [measure(name, args.runs) for _ in range(args.repeat)]
        results[name] = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    lw, py = results["layerwise"], results["python3"]
    lw["first_training_cell"] = statistics.median(first_training_cell("layerwise") for _ in range(args.repeat))
    if args.json:
        print(json.dumps({"kernel": results, "runs": args.runs}))
        return 0
    print("%-34s %12s %12s %8s" % ("metric", "layerwise", "ipykernel", "ratio"))
    for key, label, unit, scale in (("info", "start -> first kernel_info_reply", "s", 1),
                                    ("first", "start -> first result of 1+1", "s", 1),
                                    ("median", "1+1 round trip, median (%d runs)" % args.runs, "ms", 1),
                                    ("p95", "1+1 round trip, p95", "ms", 1),
                                    ("exit", "shutdown -> process exit", "s", 1)):
        print("%-34s %10.3f %s %10.3f %s %8.2f" % (label, lw[key], unit, py[key], unit, lw[key] / py[key]))
    print("%-34s %10.3f s" % ("first cell training 100 steps", lw["first_training_cell"]))
    targets = [("first kernel_info_reply < 1 s", lw["info"] < 1), ("first result < 2 s", lw["first"] < 2),
               ("1+1 median <= 2x ipykernel", lw["median"] <= 2 * py["median"]), ("shutdown < 1 s", lw["exit"] < 1)]
    for label, ok in targets:
        print("target %-32s %s" % (label, "met" if ok else "MISSED"))


if __name__ == "__main__":
    sys.exit(main())
