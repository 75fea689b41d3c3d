"""Shared helpers for the scripts that drive the real Layerwise kernel through Debian's jupyter_client."""
import os, sys, tempfile, threading, time, traceback
import zmq
from jupyter_client.manager import KernelManager


def check(cond, what):
    if not cond:
        raise AssertionError(what)


KERNEL_LOG = None


def start(name, env=None):
    """Starts the kernel with its own log (standard error) in a temporary file, see kernel_log()."""
    global KERNEL_LOG
    KERNEL_LOG = tempfile.NamedTemporaryFile(prefix="layerwise-kernel-", suffix=".log", delete=False)
    km = KernelManager(kernel_name=name)
    km.start_kernel(stdout=KERNEL_LOG, stderr=KERNEL_LOG, **({"env": env} if env else {}))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=90)
    return km, kc


def execute(kc, code, timeout=60, **kw):
    """Runs a cell, returns (execute_reply, iopub messages of that cell)."""
    msgs = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=msgs.append, **kw)
    return reply, msgs


def value(kc, code, timeout=60):
    """Runs a cell that must succeed and returns its execute_result text/plain."""
    reply, msgs = execute(kc, code, timeout)
    check(reply["content"]["status"] == "ok", "%r failed: %s" % (code, reply["content"]))
    results = [m for m in msgs if m["msg_type"] == "execute_result"]
    check(len(results) == 1, "%r gave no value: %s" % (code, [m["msg_type"] for m in msgs]))
    return results[0]["content"]["data"]["text/plain"]


def shell_reply(kc, msg_id, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        m = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") == msg_id:
            return m
    raise AssertionError("no reply to %s within %s s" % (msg_id, timeout))


def iopub_until_idle(kc, msg_id, timeout=30):
    """IOPub messages parented by msg_id, up to and including its idle status."""
    got = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        got.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return got
    raise AssertionError("no idle status for %s within %s s; got %s" % (msg_id, timeout, [m["msg_type"] for m in got]))


def kernel_log():
    """What the kernel has written to its log so far."""
    with open(KERNEL_LOG.name, encoding="utf-8", errors="replace") as f:
        return f.read()


class Pinger:
    """Pings the kernel's heartbeat as fast as it answers, on its own thread, so that JeroMQ's I/O thread keeps
    allocating while a cell fills the heap; counts the answers. Once slow_down() is true, it pings once a second,
    as jupyter_client's heartbeat channel does."""

    def __init__(self, km, slow_down=lambda: False):
        self.address = "tcp://%s:%d" % (km.ip, km.hb_port)
        self.slow_down = slow_down
        self.answers = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        ctx = zmq.Context.instance()
        while self.running:
            sock = ctx.socket(zmq.REQ)
            sock.linger = 0
            sock.connect(self.address)
            while self.running:
                sock.send(b"ping")
                if not sock.poll(1000):
                    break  # a missed answer breaks the REQ cycle: start over with a new socket
                sock.recv()
                self.answers += 1
                if self.slow_down():
                    time.sleep(1.0)
            sock.close()

    def stop(self):
        self.running = False
        self.thread.join(5)
        return self.answers


def alive(km, kc):
    """The process runs, the heartbeat answers, and a trivial cell works."""
    check(km.is_alive(), "the kernel process has died")
    # The client pings once a second and counts a ping unanswered within a second as a missed beat; a full
    # collection of a full heap can pause the kernel that long, so allow a few pings to come back.
    deadline = time.time() + 5
    while not kc.hb_channel.is_beating() and time.time() < deadline:
        time.sleep(0.2)
    check(kc.hb_channel.is_beating(), "the heartbeat stopped answering")
    check(value(kc, "6 * 7") == "42", "6 * 7 did not give 42")


def run(name, tests, env=None):
    """Starts the kernel, runs each test, prints PASS/FAIL, shuts down; exits non-zero on any failure."""
    km, kc = start(name, env)
    failures = []
    passed = 0
    for test in tests:
        t0 = time.time()
        try:
            test(kc, km)
            print("PASS %s (%.1f s)" % (test.__name__, time.time() - t0), flush=True)
            passed += 1
        except Exception as e:
            failures.append(test.__name__)
            print("FAIL", test.__name__, "".join(traceback.format_exception(e)), flush=True)
            deadline = time.time() + 5
            while km.is_alive() and not kc.hb_channel.is_beating() and time.time() < deadline:
                time.sleep(0.2)
            if not km.is_alive() or not kc.hb_channel.is_beating():
                print("the kernel died or stopped answering; the remaining tests are skipped", flush=True)
                break
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    print("---- kernel log ----\n" + kernel_log(), flush=True)
    os.unlink(KERNEL_LOG.name)
    print("%d passed, %d failed, %d not run" % (passed, len(failures), len(tests) - passed - len(failures)))
    sys.exit(0 if passed == len(tests) else 1)
