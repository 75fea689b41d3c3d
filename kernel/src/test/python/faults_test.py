"""Faults a cell can cause, through the real kernel and jupyter_client. Each must end in a clear error or notice
while the kernel, its heartbeat and the variables defined earlier survive. Exits non-zero on any failure.

Usage: /usr/bin/python3 faults_test.py KERNEL_NAME heap|busy|jdk25
  heap   exiting the JVM, stack overflow, running out of heap, printing 100 MB; run the kernel with -Xmx320m
         so that filling the heap is quick
  busy   cells queued while busy (in order; aborted after an error), interrupts while plotting and loading data
  jdk25  what differs on JDK 25, where JShell instruments cell bytecode itself and Thread.stop is gone:
         exit calls, stack overflow, interrupts
"""
import contextlib, sys, time
from harness import check, execute, value, shell_reply, iopub_until_idle, alive, run, Pinger, kernel_log

NAME = sys.argv[1]
MODE = sys.argv[2]


def error_of(kc, code, timeout=120):
    reply, msgs = execute(kc, code, timeout)
    c = reply["content"]
    check(c["status"] == "error", "%r should fail but gave %s" % (code, c))
    errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
    check(len(errors) == 1 and errors[0]["ename"] == c["ename"], "one error output matching the reply: %s" % errors)
    return c


def t_keep_a_variable(kc, km):
    execute(kc, 'String survivor = "alive"; int[] counter = {0};')
    check(value(kc, "survivor") == '"alive"', "survivor")


def survived(kc, km):
    alive(km, kc)
    check(value(kc, "survivor") == '"alive"', "the variable from before the fault is gone")


def t_exit_calls_are_refused(kc, km):
    calls = {
        "System.exit(1);": "System.exit(1)",
        "Runtime.getRuntime().exit(0);": "Runtime.getRuntime().exit(0)",
        "Runtime.getRuntime().halt(1);": "Runtime.getRuntime().halt(1)",
        "java.util.function.IntConsumer quit = System::exit;\nquit.accept(3);": "System.exit(3)",
        "void leave(int code) { Runtime.getRuntime().exit(code); }\nleave(4);": "Runtime.getRuntime().exit(4)",
        "try { System.exit(5); } catch (Exception e) { System.out.println(\"swallowed\"); }": "System.exit(5)",
        "counter[0]++;\nRunnable r = () -> Runtime.getRuntime().halt(6);\nr.run();\ncounter[0]++;": "Runtime.getRuntime().halt(6)",
    }
    for code, call in calls.items():
        c = error_of(kc, code)
        check(c["ename"] == "dev.layerwise.kernel.eval.ExitRefusedError", c)
        check(c["evalue"].startswith(call + " was called in a cell") and "kernel keeps running" in c["evalue"]
              and "Restart" in c["evalue"], c["evalue"])
        check(any("cell line" in line for line in c["traceback"]), c["traceback"])
        survived(kc, km)
    check(value(kc, "counter[0]") == "1", "the halted cell ran up to the call and no further")


def t_stack_overflow(kc, km):
    execute(kc, "int depth(int n) { return depth(n + 1) + 1; }")
    c = error_of(kc, "int d = 0;\nd = depth(0);")
    check(c["ename"] == "java.lang.StackOverflowError", c)
    check("recursion" in c["evalue"], c["evalue"])
    check(any("at depth (" in line for line in c["traceback"]), c["traceback"][:5])
    check(any("the frame above" in line and "more times" in line for line in c["traceback"]), c["traceback"][:5])
    check(len(c["traceback"]) < 30, "the traceback is short: %d lines" % len(c["traceback"]))
    survived(kc, km)


def t_oom_one_impossible_array(kc, km):
    c = error_of(kc, "long[] huge = new long[Integer.MAX_VALUE - 8];")
    check(c["ename"] == "java.lang.OutOfMemoryError", c)
    check("heap" in c["evalue"] and "-Xmx" in c["evalue"], c["evalue"])
    survived(kc, km)


@contextlib.contextmanager
def freed_after(kc, variable):
    """Sets a heap-filling variable to null even when a check fails, so that one failure does not leave the heap
    full and fail every test after it."""
    try:
        yield
    finally:
        try:
            execute(kc, variable + " = null;")
        except Exception as e:  # the kernel may be gone; the failure itself is reported by the test
            print("    could not set %s to null: %s" % (variable, e))


def t_oom_filling_the_heap_keeps_protocol_alive(kc, km):
    # Run the heap-filling cell by hand to watch its busy/idle status and the heartbeat while it runs.
    code = "var hog = new java.util.ArrayList<long[]>();\nwhile (true) hog.add(new long[1 << 20]);"
    with freed_after(kc, "hog"):
        msg_id = kc.execute(code)
        reply = shell_reply(kc, msg_id, timeout=120)
        c = reply["content"]
        check(c["status"] == "error" and c["ename"] == "java.lang.OutOfMemoryError", c)
        check("hog" in c["evalue"] and "null" in c["evalue"], "names the variable holding the heap: " + c["evalue"])
        msgs = iopub_until_idle(kc, msg_id)
        states = [m["content"]["execution_state"] for m in msgs if m["msg_type"] == "status"]
        check(states == ["busy", "idle"], "status around the cell: %s" % states)
        check(any(m["msg_type"] == "error" for m in msgs), "error output published")
        survived(kc, km)
        # hog is kept (it was declared): it still holds the heap; a cell can use it, then free it.
        check(int(value(kc, "hog.size()")) > 10, "hog holds the arrays")
    check(value(kc, "new long[20_000_000].length") == "20000000", "after hog = null the heap is usable again")


def t_oom_filling_the_heap_with_small_objects(kc, km):
    # Small objects fill the heap to the last bytes, and the list stays reachable from a variable: the kernel's
    # reserve lets the error still be reported and the next cells compile, until the variable is cleared.
    # Meanwhile heartbeats are sent as fast as they are answered: whichever thread allocates when the heap runs out
    # fails, and JeroMQ's I/O thread, which moves every message, must not be the one that dies of it. Once a kernel
    # thread has met the full heap, the pinger slows to one ping a second, like a real client: pings as fast as
    # answered free a trickle of message buffers, each letting the cell add a few more arrays after a full
    # collection, and the cell could crawl on like that for minutes (neither the serial nor the G1 collector gives
    # up on its own), where a real session's heap runs out within seconds.
    faults_before = kernel_log().count("it keeps running")
    pinger = Pinger(km, slow_down=lambda: kernel_log().count("it keeps running") > faults_before)
    with freed_after(kc, "bits"):
        try:
            c = error_of(kc, "var bits = new java.util.ArrayList<Object>();\nwhile (true) bits.add(new int[4]);",
                         timeout=180)
        finally:
            before = pinger.answers
            time.sleep(2.5)
            answers = pinger.stop()
        check(answers > before, "heartbeats answered after the fill: %d before, %d after" % (before, answers))
        check(c["ename"] == "java.lang.OutOfMemoryError" and "bits = null" in c["evalue"], c)
        survived(kc, km)
        faults = [line for line in kernel_log().splitlines() if "it keeps running" in line]
        print("    %d heartbeats answered during and after the fill; kernel threads that survived a fault: %s"
              % (answers, faults or "none this time"))
        check(int(value(kc, "bits.size()")) > 1_000_000, "bits holds the objects")
    check(value(kc, "new long[20_000_000].length") == "20000000", "after bits = null the heap is usable again")


def stream_text(msgs):
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")


LIMIT = 1 << 20


def t_printing_100_mb_of_lines_is_truncated(kc, km):
    t0 = time.time()
    reply, msgs = execute(kc, 'for (int i = 0; i < 1_000_000; i++) System.out.println(i + " " + "x".repeat(94));',
                          timeout=120)
    took = time.time() - t0
    check(reply["content"]["status"] == "ok", reply["content"])
    text = stream_text(msgs)
    check(LIMIT <= len(text) < LIMIT + 2000, "received %d characters; the limit is %d" % (len(text), LIMIT))
    check(text.startswith("0 xxx"), text[:40])
    check("output limit reached" in text, "a notice where output stops")
    tail = text[-400:]
    check("output truncated:" in tail and "MB more not shown" in tail and "LAYERWISE_MAX_OUTPUT" in tail, tail)
    check(took < 60, "took %.1f s" % took)
    print("    100 MB of lines: %d characters received in %.1f s" % (len(text), took))
    survived(kc, km)


def t_printing_one_100_mb_string_is_truncated(kc, km):
    t0 = time.time()
    reply, msgs = execute(kc, 'System.out.print("y".repeat(100_000_000));\nSystem.err.println("after");', timeout=120)
    took = time.time() - t0
    check(reply["content"]["status"] == "ok", reply["content"])
    text = stream_text(msgs)
    check(LIMIT <= len(text) < LIMIT + 2000, "received %d characters" % len(text))
    check("94.4 MB more not shown" in text, text[-300:])
    check("after" not in text, "stderr counts against the same limit")
    check(took < 60, "took %.1f s" % took)
    print("    one 100 MB string: %d characters received in %.1f s" % (len(text), took))
    survived(kc, km)


def t_huge_values_are_cut(kc, km):
    for code, start in (('"z".repeat(20_000_000)', '"zzz'), ("new int[5_000_000]", "int[5000000] { 0, 0")):
        t0 = time.time()
        text = value(kc, code, timeout=120)
        check(text.startswith(start), text[:40])
        check(len(text) < LIMIT + 1000, "value text of %d characters" % len(text))
        check("more not shown" in text[-400:] or "more elements not shown" in text[-400:], text[-400:])
        check(time.time() - t0 < 30, "took %.1f s" % (time.time() - t0))
    check(value(kc, "new int[] {1, 2, 3}") == "int[3] { 1, 2, 3 }", "small arrays keep JShell's format")
    check(value(kc, 'new String[][] {{"a"}, {}}') == 'String[2][] { String[1] { "a" }, String[0] {  } }',
          "nested arrays keep JShell's format")


def t_queued_cells_run_in_order_and_abort_after_an_error(kc, km):
    cells = ['Thread.sleep(300);\nSystem.out.println("one");\n1',
             'System.out.println("two");\n2',
             'System.out.println("three");\nthrow new IllegalStateException("the third cell fails");',
             'System.out.println("four");\n4',
             'System.out.println("five");\n5']
    ids = [kc.execute(code) for code in cells]  # all sent at once, without waiting
    replies = []
    while len(replies) < len(ids):
        m = kc.get_shell_msg(timeout=30)
        if m["parent_header"].get("msg_id") in ids:
            replies.append(m)
    check([r["parent_header"]["msg_id"] for r in replies] == ids, "replies in request order")
    statuses = [r["content"]["status"] for r in replies]
    check(statuses == ["ok", "ok", "error", "aborted", "aborted"], statuses)
    check(replies[2]["content"]["evalue"] == "the third cell fails", replies[2]["content"])
    outputs = []
    for i in ids:
        outputs += iopub_until_idle(kc, i)
    order = [ids.index(m["parent_header"]["msg_id"]) for m in outputs]
    check(order == sorted(order), "IOPub messages grouped in request order: %s" % order)
    text = stream_text(outputs)
    check(text == "one\ntwo\nthree\n", "only the cells up to the failure ran: %r" % text)
    results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
    check(results == ["1", "2"], results)
    for i in ids[3:]:
        states = [m["content"]["execution_state"] for m in outputs if m["parent_header"]["msg_id"] == i]
        check(states == ["busy", "idle"], "an aborted request still reports busy then idle: %s" % states)
    # Cells sent after the error ran are executed again; stop_on_error=False keeps the queue going.
    ids = [kc.execute('throw new RuntimeException("no stop");', stop_on_error=False), kc.execute("40 + 2")]
    statuses = [shell_reply(kc, i)["content"]["status"] for i in ids]
    check(statuses == ["error", "ok"], statuses)
    survived(kc, km)


def interrupt_after(kc, km, code, seconds, force_within=None):
    msg_id = kc.execute(code)
    time.sleep(seconds)
    t0 = time.time()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=30)
    took = time.time() - t0
    c = reply["content"]
    check(c["status"] == "error" and c["ename"] == "Interrupted", c)
    if force_within is None:
        # Well inside the 1 s grace period: the reading loops notice the interrupt themselves, so the kernel
        # never has to stop the thread by force in the middle of a file read.
        check(took < 0.9 and "by force" not in c["evalue"], "the cell stopped %.2f s after the interrupt: %s" % (took, c["evalue"]))
    else:
        # Drawing notices the interrupt between panels and before encoding; on a loaded machine a frame can still
        # outlast the 1 s grace period inside the JDK's image or XML encoders, and the kernel then stops it by force.
        check(took < force_within, "the cell stopped %.2f s after the interrupt: %s" % (took, c["evalue"]))
    return c, took


def t_interrupt_while_plotting(kc, km):
    execute(kc, "var pl = Learner.of(Net.input(2).dense(8).relu().dense(2), Datasets.twoMoons(400, 0.1, 1)"
                ".batchSize(20)).watch(Gradients.perLayer()).quiet();\npl.fit(2);", timeout=120)
    execute(kc, "int frames = 0;")
    code = "while (true) {\n  Charts.lossAndGradients(pl.history(), pl.gradients(), List.of()).toMimeBundle();\n  frames++;\n}"
    c, took = interrupt_after(kc, km, code, 2.5, force_within=3.0)
    frames = int(value(kc, "frames"))
    check(frames > 0, "rendered some charts before the interrupt")
    survived(kc, km)
    check(value(kc, "Charts.history(pl.history()).png().length > 1000") == "true", "charts still render")
    check(value(kc, "Charts.lossAndGradients(pl.history(), pl.gradients(), List.of()).toMimeBundle()"
                    ".get(\"image/svg+xml\").startsWith(\"<svg\")") == "true", "SVG still encodes")
    print("    chart loop (%d frames) stopped %.2f s after the interrupt: %s" % (frames, took, c["evalue"]))


def t_interrupt_while_loading_data(kc, km):
    path = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
    loops = {"Datasets.fashionMnist() in a loop":
             "while (true) {\n  Datasets.clearCache();\n  Datasets.fashionMnist();\n}",
             "Idx.readImages in a loop": 'while (true) Idx.readImages(java.nio.file.Path.of("%s"));' % path}
    for what, code in loops.items():
        c, took = interrupt_after(kc, km, code, 2.5)
        survived(kc, km)
        print("    %s stopped %.2f s after the interrupt: %s" % (what, took, c["evalue"]))
    check(value(kc, "Datasets.fashionMnist().size()", timeout=120) == "60000", "the data loads after the interrupts")


def t_replaced_and_shown_values_are_freed(kc, km):
    # 20 x 40 MB through a 320 MB heap: JShell keeps a replaced variable's old value, and an expression cell's value,
    # in classes that stay loaded; the kernel lets go of them, or the third cell would run out of memory.
    for i in range(20):
        reply, _ = execute(kc, "var big = new long[5_000_000];")
        check(reply["content"]["status"] == "ok", "redefinition %d: %s" % (i, reply["content"]))
    for i in range(20):
        check(value(kc, "new long[5_000_000]").startswith("long[5000000] { 0, 0"), "expression %d" % i)
    survived(kc, km)


def t_next_cell_prints_again(kc, km):
    reply, msgs = execute(kc, 'System.out.println("fresh budget");')
    check(stream_text(msgs) == "fresh budget\n", stream_text(msgs))


HEAP = [t_keep_a_variable, t_exit_calls_are_refused, t_stack_overflow, t_oom_one_impossible_array,
        t_oom_filling_the_heap_keeps_protocol_alive, t_oom_filling_the_heap_with_small_objects,
        t_printing_100_mb_of_lines_is_truncated, t_printing_one_100_mb_string_is_truncated, t_huge_values_are_cut,
        t_replaced_and_shown_values_are_freed, t_next_cell_prints_again]
BUSY = [t_keep_a_variable, t_queued_cells_run_in_order_and_abort_after_an_error, t_interrupt_while_plotting,
        t_interrupt_while_loading_data]
JDK25 = [t_keep_a_variable, t_exit_calls_are_refused, t_stack_overflow, t_interrupt_while_plotting,
         t_interrupt_while_loading_data]
run(NAME, {"heap": HEAP, "busy": BUSY, "jdk25": JDK25}[MODE])
