#!/usr/bin/python3
"""Sharing the cores: Layerwise's three training workloads on an idle machine and beside one process that keeps
a core busy (a Python spinning loop), for each OpenMP waiting setting, interleaved. Prints one JSON line per run
and a Markdown table (the one in bench/NOTES.md, "Sharing the cores").

    bench/busy_core.py                                # every candidate, 2 repeats, 10,000 examples
    bench/busy_core.py --candidates default,spin10k --repeats 3 --workloads sigmoid

A candidate is an environment (set for the benchmark JVM, as bin/layerwise and surefire set it) and a thread
count ("auto" leaves Layerwise's own choice). Each run also records the CPU time other programs used during it
(busy cores not counting the benchmark JVM and the spinner), so a run disturbed by someone else shows. Build
first: mvn -B -q -pl bench -am package -DskipTests. Run it under flock /tmp/layerwise-heavy.lock on a shared host.
"""
import argparse, json, os, statistics, subprocess, sys, time

NICE = []  # the nice prefix of every command, from --nice
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
# name -> (environment, threads); None removes a variable the caller may have set. "default" is what a user gets:
# libgomp's own spin and threads that follow the free cores (Layerwise.adaptThreads); every other candidate keeps
# its thread count fixed (LAYERWISE_ADAPT_THREADS=false), so that it measures the OpenMP setting alone.
FIXED = {"LAYERWISE_ADAPT_THREADS": "false"}
CANDIDATES = {
    "default": ({"OMP_WAIT_POLICY": None, "GOMP_SPINCOUNT": None, "LAYERWISE_ADAPT_THREADS": None}, "2"),
    "fixed": (dict(FIXED, OMP_WAIT_POLICY=None, GOMP_SPINCOUNT=None), "2"),
    "passive": (dict(FIXED, OMP_WAIT_POLICY="PASSIVE", GOMP_SPINCOUNT=None), "2"),
    "spin100k": (dict(FIXED, OMP_WAIT_POLICY=None, GOMP_SPINCOUNT="100000"), "2"),
    "spin30k": (dict(FIXED, OMP_WAIT_POLICY=None, GOMP_SPINCOUNT="30000"), "2"),
    "spin10k": (dict(FIXED, OMP_WAIT_POLICY=None, GOMP_SPINCOUNT="10000"), "2"),
    "spin3k": (dict(FIXED, OMP_WAIT_POLICY=None, GOMP_SPINCOUNT="3000"), "2"),
    "spin1k": (dict(FIXED, OMP_WAIT_POLICY=None, GOMP_SPINCOUNT="1000"), "2"),
    "threads1": (dict(FIXED, OMP_WAIT_POLICY=None, GOMP_SPINCOUNT=None), "1"),
    "auto": ({}, "auto"),
}


def java_cmd(workload, threads, examples):
    cp = os.path.join(BENCH, "target", "classes") + ":" + open(os.path.join(BENCH, "target", "classpath.txt")).read().strip()
    return ["java", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1", "-Xmx3g",
            "-Dlayerwise.checkpoints=off", "-cp", cp, "dev.layerwise.bench.BenchMain", "train", "--impl", "layerwise",
            "--workload", workload, "--threads", threads, "--examples", str(examples)]


def busy_jiffies():
    """All CPUs' non-idle time so far, in clock ticks (/proc/stat: user nice system idle iowait irq softirq steal)."""
    f = [int(x) for x in open("/proc/stat").readline().split()[1:9]]
    return sum(f) - f[3] - f[4]


def process_jiffies(pid):
    try:
        s = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return int(s[11]) + int(s[12])
    except OSError:
        return 0


def run(candidate, workload, examples, spinner):
    env_changes, threads = CANDIDATES[candidate]
    env = dict(os.environ)
    for k, v in env_changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    tick = os.sysconf("SC_CLK_TCK")
    spin0 = process_jiffies(spinner.pid) if spinner else 0
    busy0, t0 = busy_jiffies(), time.time()
    p = subprocess.Popen(NICE + java_cmd(workload, threads, examples), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                         text=True)
    out, err = p.communicate()
    wall, busy = time.time() - t0, busy_jiffies() - busy0
    if p.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (candidate, err[-3000:]))
    r = [json.loads(line) for line in out.splitlines() if line.startswith("{")][0]
    spun = (process_jiffies(spinner.pid) - spin0) if spinner else 0
    own = child_cpu_delta()
    other = max(0.0, (busy - spun) / tick - own) / wall
    return dict(candidate=candidate, workload=workload, busy=bool(spinner), threads=r["threads"],
                examples_per_s=r["examples_per_s"], seconds=r["seconds"], other_cores=round(other, 2),
                load=open("/proc/loadavg").read().split()[0])


_last_children = [0.0]


def child_cpu_delta():
    """CPU seconds the benchmark JVMs used since the last call (os.times counts waited-for children)."""
    t = os.times()
    now = t.children_user + t.children_system
    d, _last_children[0] = now - _last_children[0], now
    return d


def start_spinner(pin):
    cmd = ["/usr/bin/python3", "-c", "while True: pass"]
    if pin is not None:
        cmd = ["taskset", "-c", str(pin)] + cmd
    p = subprocess.Popen(NICE + cmd)
    time.sleep(0.5)
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--candidates", default="default,passive,spin10k,spin1k,threads1")
    ap.add_argument("--workloads", default="mlp,lenet,sigmoid")
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--examples", type=int, default=10000)
    ap.add_argument("--pin", type=int, default=None, help="pin the spinner to this CPU (default: not pinned)")
    ap.add_argument("--conditions", default="idle,busy", help="idle, busy (beside the spinner) or both")
    ap.add_argument("--nice", type=int, default=0, help="run the JVM and the spinner at this niceness; a negative"
                    " one (as root) lets them outrank other users' work on a shared host, much as on an idle machine")
    ap.add_argument("--out", help="append the JSON lines to this file")
    args = ap.parse_args()
    NICE[:] = ["nice", "-n", str(args.nice)] if args.nice else []
    cands, workloads = args.candidates.split(","), args.workloads.split(",")
    runs = []
    child_cpu_delta()
    print("# %s load %s" % (time.strftime("%Y-%m-%d %H:%M:%S"), open("/proc/loadavg").read().strip()), file=sys.stderr)
    for rep in range(args.repeats):
        for busy in [c == "busy" for c in args.conditions.split(",")]:
            spinner = start_spinner(args.pin) if busy else None
            try:
                for w in workloads:
                    for c in (cands if rep % 2 == 0 else cands[::-1]):
                        r = run(c, w, args.examples, spinner)
                        runs.append(r)
                        line = json.dumps(r)
                        print(line, flush=True)
                        if args.out:
                            with open(args.out, "a") as f:
                                f.write(line + "\n")
            finally:
                if spinner:
                    spinner.kill()
                    spinner.wait()
    table(runs, cands, workloads)


def table(runs, cands, workloads):
    def med(c, w, busy):
        xs = [r["examples_per_s"] for r in runs if r["candidate"] == c and r["workload"] == w and r["busy"] == busy]
        return statistics.median(xs) if xs else float("nan")
    print("\n| workload | setting | idle ex/s | idle vs default | busy ex/s | busy slowdown (default idle / busy) |")
    print("|---|---|---|---|---|---|")
    for w in workloads:
        base = med("default", w, False)
        for c in cands:
            idle, busy = med(c, w, False), med(c, w, True)
            print("| %s | %s | %.0f | %.2f | %.0f | %.1f× |" % (w, c, idle, idle / base, busy, base / busy))


if __name__ == "__main__":
    main()
