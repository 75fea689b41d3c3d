"""A long session through the real kernel and jupyter_client: cells that train small learners, draw charts,
redefine nets, re-run the same cells, print, and fail, cycled for N cells. After a warm-up it measures the
kernel process every few cells and checks that memory does not grow and that threads and open files stay put.
HotSpot's JIT and garbage-collector threads are not counted: the JVM starts and stops them itself, within a
bound set by the number of cores.
Exits non-zero on any failure; prints every measurement.

Usage: /usr/bin/python3 soak_test.py KERNEL_NAME CELLS
Run the kernel with a fixed, pre-touched heap (-Xms = -Xmx, -XX:+AlwaysPreTouch): the heap is then resident from
the start, so the resident set changes only with native memory (libtorch, thread stacks, metaspace), which is
what a leak would grow. Native memory is the resident set minus the committed heap and non-heap pools.
"""
import collections, os, re, sys, time
from harness import check, execute, value, start, alive, kernel_log

NAME = sys.argv[1]
CELLS = int(sys.argv[2])
TOLERANCE = 0.10

# One round of a notebook session; {r} is the round number, so nets, seeds and optimizers change between rounds,
# and the last two cells re-run the learner cells word for word.
ROUND = [
    "var data = Datasets.fashionMnist().subset(1000).batchSize(50).seed({r});",
    "var net = Net.input(784).dense({width}).{act}().dense(10);\nnet",
    "var learner = Learner.of(net, data).optimizer(Optimizers.{opt}).watch(Gradients.perLayer());",
    "learner.fit(1)",
    "learner.history().plot()",
    "Charts.gradientNorms(learner.gradients())",
    "var moons = Learner.of(Net.input(2).dense(16).tanh().dense(2), Datasets.twoMoons(400, 0.1, {r})).quiet();\n"
    "moons.fit(2);\nmoons.evaluate().accuracy()",
    "for (int i = 0; i < 20; i++) System.out.println(\"line \" + i);\nthrow new IllegalStateException(\"a failing cell\");",
    "var learner = Learner.of(net, data).optimizer(Optimizers.{opt}).watch(Gradients.perLayer());",
    "learner.fit(1)",
]
WIDTHS = [16, 32, 24]
ACTS = ["relu", "tanh", "sigmoid"]
OPTS = ["sgd(0.1)", "adam(1e-3)", "momentum(0.05, 0.9)"]

# One expression, so measuring declares nothing. Two full collections first: the first lets the cleaners of learners
# dropped by re-run cells free their arrays, the second frees the direct buffers those arrays held; then the JVM's
# own accounts.
MEASURE = ("System.gc();\nThread.sleep(200);\nSystem.gc();\nThread.sleep(200);\n"
           "java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() + \" \" + "
           "java.lang.management.ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted() + \" \" + "
           "java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()")


def cell(n):
    r = n // len(ROUND)
    return ROUND[n % len(ROUND)].format(r=r, width=WIDTHS[r % 3], act=ACTS[r % 3], opt=OPTS[r % 3])


def proc_status(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise AssertionError("no %s in /proc/%d/status" % (key, pid))


def thread_names(pid):
    names = collections.Counter()
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                names[f.read().strip()] += 1
        except FileNotFoundError:
            pass  # the thread ended while we looked
    return names


# HotSpot's own worker pools, by the names /proc shows (cut to 15 characters): JIT compiler threads, which the JVM
# starts and stops as its compile queue grows and drains, and G1's collector threads, started on first need. The
# JVM bounds both by the number of cores, so they cannot leak; a leak is a thread of ours or of libtorch.
JVM_POOLS = re.compile(r"C[12] CompilerThre|GC Thread#\d+|G1 Conc#\d+|G1 Refine#\d+")


def settled_threads_and_files(pid, base=None, seconds=2.0):
    """The kernel's threads (less the JVM pools) and its open files, once the ones that are ending have gone.
    JShell runs every cell, the measuring one included, on a new unnamed thread ("Thread-N") and joins it; join
    returns when Java marks the thread done, a moment before the system thread leaves /proc. So look several times
    and keep the smallest of each: a leaked thread or file is there at every look, an ending one is not. Stops
    early once both are back at the baseline's counts."""
    threads, fds, deadline = None, None, time.time() + seconds
    while True:
        names = collections.Counter({n: k for n, k in thread_names(pid).items() if not JVM_POOLS.fullmatch(n)})
        if threads is None or sum(names.values()) < sum(threads.values()):
            threads = names
        open_now = len(os.listdir("/proc/%d/fd" % pid))
        fds = open_now if fds is None else min(fds, open_now)
        settled = base is not None and sum(threads.values()) <= base["threads"] and fds <= base["fds"]
        if settled or time.time() >= deadline:
            return threads, fds
        time.sleep(0.05)


def measure(kc, pid, cells_run, base=None):
    heap, non_heap, used = (int(x) for x in value(kc, MEASURE).strip('"').split())
    rss = proc_status(pid, "VmRSS") * 1024
    names, fds = settled_threads_and_files(pid, base)
    return {"cells": cells_run, "rss": rss, "native": rss - heap - non_heap, "heap_used": used, "non_heap": non_heap,
            "threads": sum(names.values()), "names": names, "fds": fds}


def mb(b):
    return "%.1f" % (b / 2 ** 20)


def show(m, base=None):
    def delta(key):
        return "" if base is None else " (%+.1f%%)" % (100.0 * (m[key] - base[key]) / base[key])
    print("  after %4d cells: RSS %s MB%s, native %s MB%s, heap used %s MB, non-heap %s MB, threads %d (not counting the JVM's JIT and GC pools), fds %d"
          % (m["cells"], mb(m["rss"]), delta("rss"), mb(m["native"]), delta("native"), mb(m["heap_used"]),
             mb(m["non_heap"]), m["threads"], m["fds"]), flush=True)
    if base is not None and m["names"] != base["names"]:
        came, went = m["names"] - base["names"], base["names"] - m["names"]
        print("    threads since warm-up: came %s, went %s" % (dict(came) or "none", dict(went) or "none"), flush=True)


def main():
    km, kc = start(NAME)
    pid = km.provisioner.process.pid
    warm_up = max(2 * len(ROUND), CELLS // 5)
    every = max(len(ROUND), (CELLS - warm_up) // 8)
    checkpoints, failures, t0 = [], [], time.time()
    try:
        for n in range(CELLS):
            reply, msgs = execute(kc, cell(n), timeout=120)
            status = reply["content"]["status"]
            want = "error" if "a failing cell" in cell(n) else "ok"
            if status != want:
                failures.append("cell %d %r: %s %s" % (n, cell(n), status, reply["content"].get("evalue")))
            done = n + 1
            if done == warm_up or (done > warm_up and (done - warm_up) % every == 0) or done == CELLS:
                checkpoints.append(measure(kc, pid, done, checkpoints[0] if checkpoints else None))
                show(checkpoints[-1], checkpoints[0])
        took = time.time() - t0
        alive(km, kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    base, end = checkpoints[0], checkpoints[-1]
    worst_rss = max(checkpoints, key=lambda m: abs(m["rss"] - base["rss"]))
    worst_native = max(checkpoints, key=lambda m: abs(m["native"] - base["native"]))
    print("soak: %d cells in %.0f s (%.2f s per cell), warm-up %d cells; RSS %s -> %s MB (worst %+.1f%%), native %s -> %s MB"
          " (worst %+.1f%%), threads %d -> %d (max %d), fds %d -> %d (max %d)"
          % (CELLS, took, took / CELLS, warm_up, mb(base["rss"]), mb(end["rss"]),
             100.0 * (worst_rss["rss"] - base["rss"]) / base["rss"], mb(base["native"]), mb(end["native"]),
             100.0 * (worst_native["native"] - base["native"]) / base["native"], base["threads"], end["threads"],
             max(m["threads"] for m in checkpoints), base["fds"], end["fds"], max(m["fds"] for m in checkpoints)),
          flush=True)
    check(not failures, "cells did not end as expected:\n" + "\n".join(failures[:10]))
    for m in checkpoints[1:]:
        check(abs(m["rss"] - base["rss"]) <= TOLERANCE * base["rss"],
              "RSS after %d cells is %s MB, more than 10%% from %s MB after warm-up" % (m["cells"], mb(m["rss"]), mb(base["rss"])))
        check(abs(m["native"] - base["native"]) <= TOLERANCE * base["native"],
              "native memory after %d cells is %s MB, more than 10%% from %s MB after warm-up"
              % (m["cells"], mb(m["native"]), mb(base["native"])))
        check(m["threads"] <= base["threads"], "threads grew from %d to %d after %d cells" % (base["threads"], m["threads"], m["cells"]))
        check(m["fds"] <= base["fds"], "open files grew from %d to %d after %d cells" % (base["fds"], m["fds"], m["cells"]))
    print("PASS soak")


try:
    main()
except AssertionError as e:
    print("FAIL soak:", e, flush=True)
    print("---- kernel log ----\n" + kernel_log())
    sys.exit(1)
