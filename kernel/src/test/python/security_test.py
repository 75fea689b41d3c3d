"""Abuses the real Layerwise kernel over raw ZeroMQ; exits non-zero on any failure.

Messages signed with the wrong key, unsigned, tampered with, replayed, or replayed under another
session must be dropped and logged, never executed, and the kernel must keep serving genuine
requests. The kernel must listen only where its connection file says (127.0.0.1 when it names no
ip) and refuse the ipc transport with a clear reason.

Usage: /usr/bin/python3 security_test.py KERNEL_NAME WORK_DIR
JUPYTER_PATH must point at a folder holding kernels/KERNEL_NAME/kernel.json.
"""
import json, os, socket, subprocess, sys, tempfile, time, traceback, uuid
import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

NAME, WORK = sys.argv[1], sys.argv[2]
PORT_NAMES = ("shell_port", "control_port", "iopub_port", "stdin_port", "hb_port")
failures = []


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def marker(name):
    return os.path.join(WORK, name)


def writes_marker(name):
    """Java code that leaves a file behind if it ever runs."""
    return 'java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");' % marker(name)


def execute_request(session, code):
    return session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                           "user_expressions": {}, "allow_stdin": False})


def value_of(kc, code):
    reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: outputs.append(m))
    check(reply["content"]["status"] == "ok", "genuine request %r failed: %s" % (code, reply["content"]))
    results = [m for m in outputs if m["msg_type"] == "execute_result"
               and m["parent_header"].get("msg_id") == reply["parent_header"]["msg_id"]]
    outputs.clear()
    return results[0]["content"]["data"]["text/plain"] if results else None


outputs = []


class Raw:
    """A DEALER socket on the kernel's shell port: sends any frames, reads replies without a client's help."""

    def __init__(self, ctx, conn):
        self.sock = ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.setsockopt(zmq.IDENTITY, uuid.uuid4().hex.encode())
        self.sock.connect("tcp://%s:%d" % (conn["ip"], conn["shell_port"]))

    def replies(self, until_msg_id, timeout=60):
        """Reply parents' msg_ids received up to and including the reply to until_msg_id."""
        parents = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.sock.poll(200):
                frames = self.sock.recv_multipart()
                d = frames.index(b"<IDS|MSG>")
                parent = json.loads(frames[d + 3])
                parents.append(parent.get("msg_id"))
                if parent.get("msg_id") == until_msg_id:
                    return parents
        raise AssertionError("no reply to %s within %ss; replies seen: %s" % (until_msg_id, timeout, parents))

    def close(self):
        self.sock.close()


def rejected_then_kernel_serves(raw, session, frames, rejected_id, log_words, marker_name=None):
    """Sends frames, then a genuine request on the same socket: its reply proves the kernel read the
    first message (one peer's messages arrive in order) and kept serving; no reply may answer the first."""
    before = read(LOG).count(log_words)
    raw.sock.send_multipart(frames)
    probe = execute_request(session, "6 * 7")
    raw.sock.send_multipart(session.serialize(probe))
    parents = raw.replies(probe["header"]["msg_id"])
    check(rejected_id not in parents, "the rejected message was answered: %s" % parents)
    wait_for(lambda: read(LOG).count(log_words) > before, 10, "the kernel log to say %r" % log_words)
    if marker_name:
        check(not os.path.exists(marker(marker_name)), "the rejected code ran: %s exists" % marker(marker_name))


def t_wrong_key_is_dropped_logged_and_never_run(kc, km, ctx, conn, session):
    forger = Session(key=b"not-the-connection-key", signature_scheme="hmac-sha256")
    msg = execute_request(forger, writes_marker("wrong-key"))
    raw = Raw(ctx, conn)
    try:
        rejected_then_kernel_serves(raw, session, forger.serialize(msg), msg["header"]["msg_id"],
                                    "wrong signature", "wrong-key")
    finally:
        raw.close()


def t_missing_signature_is_dropped_logged_and_never_run(kc, km, ctx, conn, session):
    msg = execute_request(session, writes_marker("unsigned"))
    frames = session.serialize(msg)
    d = frames.index(b"<IDS|MSG>")
    frames[d + 1] = b""
    raw = Raw(ctx, conn)
    try:
        rejected_then_kernel_serves(raw, session, frames, msg["header"]["msg_id"], "unsigned message", "unsigned")
    finally:
        raw.close()


def t_signature_of_other_content_is_dropped(kc, km, ctx, conn, session):
    # a genuine signature over harmless code, with the code swapped: the signature covers the content
    msg = execute_request(session, "1 + 1")
    frames = session.serialize(msg)
    d = frames.index(b"<IDS|MSG>")
    frames[d + 5] = session.pack(dict(msg["content"], code=writes_marker("tampered")))
    raw = Raw(ctx, conn)
    try:
        rejected_then_kernel_serves(raw, session, frames, msg["header"]["msg_id"], "wrong signature", "tampered")
    finally:
        raw.close()


def t_replayed_message_runs_once(kc, km, ctx, conn, session):
    check(value_of(kc, "int replayCount = 0; replayCount") == "0", "counter set up")
    msg = execute_request(session, "replayCount++;")
    captured = session.serialize(msg)
    first = Raw(ctx, conn)
    try:
        first.sock.send_multipart(captured)
        check(msg["header"]["msg_id"] in first.replies(msg["header"]["msg_id"]), "the genuine message was answered")
    finally:
        first.close()
    check(value_of(kc, "replayCount") == "1", "the genuine message ran once")
    # the same bytes again, from another connection (another ZeroMQ identity)
    attacker = Raw(ctx, conn)
    try:
        rejected_then_kernel_serves(attacker, session, captured, msg["header"]["msg_id"], "replayed message")
    finally:
        attacker.close()
    check(value_of(kc, "replayCount") == "1", "the replay must not run: replayCount should still be 1")


def t_message_replayed_under_another_session_fails_verification(kc, km, ctx, conn, session):
    check(value_of(kc, "int resentCount = 0; resentCount") == "0", "counter set up")
    msg = execute_request(session, "resentCount++;")
    captured = session.serialize(msg)
    first = Raw(ctx, conn)
    try:
        first.sock.send_multipart(captured)
        first.replies(msg["header"]["msg_id"])
    finally:
        first.close()
    d = captured.index(b"<IDS|MSG>")
    for field, value in (("session", uuid.uuid4().hex), ("msg_id", uuid.uuid4().hex)):
        resent = list(captured)
        resent[d + 2] = session.pack(dict(msg["header"], **{field: value}))
        attacker = Raw(ctx, conn)
        try:
            rejected_then_kernel_serves(attacker, session, resent, value if field == "msg_id" else msg["header"]["msg_id"],
                                        "wrong signature")
        finally:
            attacker.close()
    check(value_of(kc, "resentCount") == "1", "re-sent messages must not run: resentCount should still be 1")


def listening(pid):
    """(ip, port) of every TCP socket the process listens on, from /proc."""
    inodes = set()
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        if not os.path.exists(table):
            continue
        for line in read(table).splitlines()[1:]:
            f = line.split()
            if f[3] != "0A" or f[9] not in inodes:  # 0A: LISTEN
                continue
            hexip, hexport = f[1].split(":")
            raw = bytes.fromhex(hexip)
            # /proc prints addresses as 32-bit words in host (little-endian) order
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
            ip = socket.inet_ntop(socket.AF_INET6 if v6 else socket.AF_INET, raw)
            if ip.startswith("::ffff:") and "." in ip:  # Java's dual-stack socket bound to an IPv4 address
                ip = ip[len("::ffff:"):]
            found.add((ip, int(hexport, 16)))
    return found


def t_sockets_bound_exactly_per_connection_file(kc, km, ctx, conn, session):
    pid = km.provisioner.process.pid
    expected = {(conn["ip"], conn[p]) for p in PORT_NAMES}
    check(conn["ip"] == "127.0.0.1", "jupyter_client's default ip: %s" % conn["ip"])
    check(listening(pid) == expected, "kernel pid %d listens on %s; the connection file says %s"
          % (pid, sorted(listening(pid)), sorted(expected)))


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def start_direct(conn, mode, log_path):
    path = os.path.join(WORK, "connection-%s.json" % uuid.uuid4().hex[:8])
    with open(path, "w") as f:
        json.dump(conn, f)
    os.chmod(path, mode)
    argv = [a.replace("{connection_file}", path) for a in KernelSpecManager().get_kernel_spec(NAME).argv]
    log = open(log_path, "w")
    return path, subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def t_missing_ip_binds_loopback_and_open_file_is_warned(kc, km, ctx, conn, session):
    key = uuid.uuid4().hex
    c = dict(zip(PORT_NAMES, free_ports(5)), key=key, signature_scheme="hmac-sha256", transport="tcp")
    log_path = marker("direct.log")
    path, proc = start_direct(c, 0o644, log_path)
    client = None
    try:
        expected = {("127.0.0.1", c[p]) for p in PORT_NAMES}
        wait_for(lambda: proc.poll() is not None or len(listening(proc.pid)) >= len(expected), 90,
                 "the kernel to bind its five sockets")
        check(proc.poll() is None, "the kernel exited:\n" + read(log_path))
        check(listening(proc.pid) == expected, "without an ip the kernel listens on %s; expected %s"
              % (sorted(listening(proc.pid)), sorted(expected)))
        check("open to other users" in read(log_path) and "0600" in read(log_path),
              "a connection file readable by others is warned about:\n" + read(log_path))
        client = BlockingKernelClient(connection_file=path)
        client.load_connection_file()
        client.start_channels()
        reply = client.kernel_info(reply=True, timeout=60)
        check(reply["content"]["status"] == "ok", "the kernel serves on 127.0.0.1: %s" % reply["content"])
        client.shutdown()
        proc.wait(timeout=30)
    finally:
        if client is not None:
            client.stop_channels()
            del client
        if proc.poll() is None:
            os.killpg(proc.pid, 9)


def t_ipc_transport_refused_with_reason(kc, km, ctx, conn, session):
    c = dict(zip(PORT_NAMES, range(1, 6)), key="k", signature_scheme="hmac-sha256", transport="ipc",
             ip=os.path.join(WORK, "kernel-ipc"))
    log_path = marker("ipc.log")
    _, proc = start_direct(c, 0o600, log_path)
    try:
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 9)
    out = read(log_path)
    check(code == 2 and "transport 'ipc'" in out and "tcp only" in out, "exit %s:\n%s" % (code, out))
    check("Exception" not in out, "a clear message, not a stack trace:\n" + out)


TESTS = [t_wrong_key_is_dropped_logged_and_never_run, t_missing_signature_is_dropped_logged_and_never_run,
         t_signature_of_other_content_is_dropped, t_replayed_message_runs_once,
         t_message_replayed_under_another_session_fails_verification, t_sockets_bound_exactly_per_connection_file,
         t_missing_ip_binds_loopback_and_open_file_is_warned, t_ipc_transport_refused_with_reason]

LOG = marker("kernel.log")
log_file = open(LOG, "w")
km = KernelManager(kernel_name=NAME)
km.start_kernel(stderr=log_file)
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
conn = km.get_connection_info()
session = Session(key=conn["key"], signature_scheme=conn["signature_scheme"])
ctx = zmq.Context()
for test in TESTS:
    try:
        test(kc, km, ctx, conn, session)
        print("PASS", test.__name__, flush=True)
    except Exception as e:
        failures.append(test.__name__)
        print("FAIL", test.__name__, "".join(traceback.format_exception(e)), flush=True)
try:
    value_of(kc, "1")
    print("PASS the kernel still serves after every abuse", flush=True)
except Exception as e:
    failures.append("still serving")
    print("FAIL the kernel stopped serving:", e, flush=True)
kc.stop_channels()
km.shutdown_kernel(now=True)
del kc  # while logging still works: the client's __del__ logs
ctx.destroy(linger=0)
print("--- kernel log ---\n" + read(LOG))
print("%d passed, %d failed" % (len(TESTS) - len(failures), len(failures)))
sys.exit(1 if failures else 0)
