// "Train for a very long time": the capstone's net (tutorials/11-everything-together.ipynb) trained for many
// epochs on all 60,000 training images (54,000 to train, 6,000 to validate), recording the accuracy on the
// 10,000 test images after every epoch. Run it with tutorials/long-run, which sets the variables below.
Layerwise.threads(1);
var env = System.getenv();
int epochs = Integer.parseInt(env.getOrDefault("LONG_RUN_EPOCHS", "30"));
long seed = Long.parseLong(env.getOrDefault("LAYERWISE_TUTORIAL_SEED", "1"));
var out = java.nio.file.Path.of(env.getOrDefault("LONG_RUN_CSV", "tutorials/results/long-run.csv"));
var data = Datasets.fashionMnist().validationSplit(0.1).images().batchSize(128).seed(seed);
// the capstone's net and optimizer, as in the notebook (the notebook checks that the recorded net is its own)
Net net = Net.input(1, 28, 28).conv2d(16, 3, 1, 1).batchNorm().relu().maxPool(2).resBlock(16).resBlock(32, 2).resBlock(64, 2).globalAvgPool().dense(10).init(Init.he());
long steps = (long) epochs * data.batchesPerEpoch();
Schedule rate = Schedule.linear(0.02, 0.2, steps / 5).then(steps / 5, Schedule.cosine(0.2, 0, steps - steps / 5));
var learner = Learner.of(net, data).optimizer(Optimizers.sgd(rate).momentum(0.9).nesterov().weightDecay(5e-4)).seed(seed).quiet();
var header = new StringBuilder();
header.append("# tutorials/long-run: the capstone net of tutorials/11-everything-together.ipynb trained for ").append(epochs).append(" epochs, no early stopping\n");
header.append("# date: ").append(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append("\n");
header.append("# commit: ").append(env.getOrDefault("LONG_RUN_COMMIT", "unknown")).append("\n");
header.append("# machine: ").append(env.getOrDefault("LONG_RUN_MACHINE", "unknown")).append("\n");
header.append("# threads: 1 (Layerwise.threads(1)); load average at start: ").append(env.getOrDefault("LONG_RUN_LOAD", "unknown")).append("\n");
header.append("# seed: ").append(seed).append("\n");
header.append("# data: Fashion-MNIST, ").append(data.size()).append(" training images, ").append(data.validationExamples().size()).append(" validation (validationSplit(0.1)), 10000 test; batch 128\n");
header.append("# net: ").append(net.paramCount()).append(" parameters; layers ").append(String.join(" ", net.allLayerNames())).append("\n");
header.append("# optimizer: ").append(learner.optimizer().describe()).append("\n");
header.append("epoch,train_loss,train_accuracy,val_accuracy,test_accuracy,seconds\n");
var rows = new StringBuilder();
java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
long started = System.nanoTime();
learner.callback("long-run csv", new Callback() {
    @Override public void epochEnded(EpochRecord r) {
        double test = learner.evaluate(data.test()).accuracy();
        rows.append(String.format(java.util.Locale.ROOT, "%d,%.5f,%.5f,%.5f,%.5f,%.0f%n", r.epoch(), r.loss(), r.accuracy(), r.testAccuracy(), test, (System.nanoTime() - started) / 1e9));
        try { dev.layerwise.files.AtomicFiles.write("the long run's CSV", out, header.toString() + rows); } catch (IOException e) { throw new UncheckedIOException(e); }
        System.out.printf(java.util.Locale.ROOT, "epoch %d/%d: train loss %.4f, validation %.4f, test %.4f (%.0f s)%n", r.epoch(), epochs, r.loss(), r.testAccuracy(), test, (System.nanoTime() - started) / 1e9);
    }
});
learner.fit(epochs);
System.out.println("wrote " + out.toAbsolutePath());
/exit
