"""A kernel killed with SIGKILL in the middle of an epoch loses nothing that a checkpoint holds: a new kernel
says restorable checkpoints exist, restores the newest, and training from it reaches the same weights as a run
that was never interrupted. usage: checkpoint_kill_test.py KERNEL_NAME"""
import glob, os, signal, sys, tempfile, time
from harness import check, start, value

NAME = sys.argv[1]
FOLDER = tempfile.mkdtemp(prefix="layerwise-checkpoints-")
ENV = dict(os.environ, LAYERWISE_CHECKPOINTS=FOLDER)
# No dropout: a run that is never interrupted then depends on nothing but the seeds, whatever the fit calls.
SETUP = ("var data = Datasets.fashionMnist().subset(3000).batchSize(50).seed(3);\n"
         "var net = Net.input(784).dense(32).relu().dense(10);\n"
         "Learner make() { return Learner.of(net, data).optimizer(Optimizers.momentum(0.05, 0.9)).seed(5).quiet(); }\n")


def checkpoints():
    return sorted(glob.glob(os.path.join(FOLDER, "*", "step-*.layerwise")))


def main():
    km, kc = start(NAME, ENV)
    try:
        kill_mid_epoch(km, kc)
    finally:
        if km.is_alive():  # a failed check must not leave the kernel running
            km.shutdown_kernel(now=True)
    restore_and_compare()


def kill_mid_epoch(km, kc):
    value(kc, SETUP + "net.layers().size()")
    middle = os.path.join(FOLDER, "middle-of-epoch-3")
    # Half-way through epoch 3 the cell says so and waits, so the kill lands mid-epoch for sure.
    kc.execute("var learner = make();\n"
               "learner.on(Event.BATCH_START, ctx -> { if (ctx.epoch() == 3 && ctx.batch() == ctx.batchesPerEpoch() / 2) {"
               " try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"%s\"), \"\" + ctx.step());"
               " Thread.sleep(120_000); } catch (Exception e) { } } });\n"
               "learner.fit(500);" % middle)
    deadline = time.time() + 240
    while not os.path.exists(middle) and time.time() < deadline:
        msg = None
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except Exception:
            pass
        if msg and msg["msg_type"] == "error":
            raise AssertionError("the training cell failed: %s" % msg["content"])
    check(os.path.exists(middle), "training did not reach the middle of epoch 3 within 240 s")
    check(len(checkpoints()) == 2, "expected the checkpoints of epochs 1 and 2, got %s" % checkpoints())
    pid = km.provisioner.process.pid
    os.kill(pid, signal.SIGKILL)
    km.provisioner.process.wait(30)
    kc.stop_channels()
    newest = checkpoints()[-1]
    print("killed kernel %d; newest checkpoint %s" % (pid, os.path.relpath(newest, FOLDER)), flush=True)
    for f in os.listdir(os.path.dirname(newest)):
        check(f.endswith(".layerwise"), "a half-written file is in the way: %s" % f)


def restore_and_compare():
    km2, kc2 = start(NAME, ENV)
    try:
        banner = kc2.kernel_info(reply=True, timeout=30)["content"]["banner"]
        check("restorable checkpoint" in banner, "the banner does not mention the checkpoints:\n" + banner)
        value(kc2, SETUP + "1")
        restored = value(kc2, "var restored = Checkpoints.restoreNewest(data); restored.removeCallback(\"checkpoint\");"
                              " restored.epoch()")
        epochs = int(restored)
        check(epochs == 2, "restored at epoch %s, expected the last complete one, 2" % restored)
        same = value(kc2, "restored.quiet().fit(2);\n"
                          "var straight = make(); straight.removeCallback(\"checkpoint\"); straight.fit(%d);\n"
                          "restored.parameters().entrySet().stream().allMatch(e ->"
                          " Arrays.equals(e.getValue(), straight.parameter(e.getKey())))" % (epochs + 2))
        check(same == "true", "weights after restoring and training 2 more epochs differ from %d epochs straight"
              % (epochs + 2))
        print("PASS restored at epoch %d, trained 2 more, same weights as %d epochs straight" % (epochs, epochs + 2))
    finally:
        kc2.stop_channels()
        km2.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
