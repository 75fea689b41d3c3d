package dev.layerwise.examples;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.train.Evaluation;
import dev.layerwise.train.Learner;

import java.util.Locale;

/**
 * Trains a ReLU MLP on Fashion-MNIST and prints its test accuracy: the library end to end, from a
 * plain {@code main}. Options: {@code --epochs N} (default 5), {@code --subset N} training examples
 * (default all 60,000), {@code --threads N}.
 */
public final class FashionMnistMlp {
    private FashionMnistMlp() {}

    /**
     * Runs the example.
     *
     * @param args {@code --epochs N}, {@code --subset N}, {@code --threads N}
     */
    public static void main(String[] args) {
        int epochs = 5;
        int subset = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--epochs":
                    epochs = value;
                    break;
                case "--subset":
                    subset = value;
                    break;
                case "--threads":
                    Layerwise.threads(value);
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; expected --epochs N, --subset N or --threads N.");
            }
        }
        Dataset data = Datasets.fashionMnist().batchSize(64).seed(42);
        if (subset > 0) {
            data = data.subset(subset);
        }
        System.out.println(data);
        Net net = Net.input(784).dense(256).relu().dense(128).relu().dense(10).init(Init.he());
        System.out.println(net);
        Learner learner = Learner.of(net, data)
                .loss(Loss.softmaxCrossEntropy())
                .optimizer(Optimizers.momentum(0.05, 0.9));
        learner.fit(epochs);
        System.out.println(learner.history());
        Evaluation test = learner.evaluate();
        System.out.println(test);
        System.out.printf(Locale.ROOT, "Test accuracy: %.2f%%%n", 100 * test.accuracy());
    }
}
