package dev.layerwise.bench;

import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;

import java.util.Locale;

/**
 * The three training workloads, defined once for every side of the comparison. The PyTorch script
 * ({@code bench/pytorch_bench.py}) mirrors these definitions; {@code bench/run} checks that the
 * parameter counts agree.
 */
enum Workload {
    /** MLP 784-256-128-10, ReLU, Xavier-uniform weights, batch 128, SGD lr 0.02 momentum 0.9. */
    MLP(128, 0.02, 0.9, false),
    /** LeNet-style CNN: conv 6@5x5 pad 2, pool, conv 16@5x5, pool, 120, 84, 10; ReLU; batch 128. */
    LENET(128, 0.02, 0.9, false),
    /** The deep sigmoid net [784,30,30,30,10], N(0,1) weights, batch 10, SGD lr 0.1, gradients recorded every step. */
    SIGMOID(10, 0.1, 0.0, true);

    final int batchSize;
    final double learningRate;
    final double momentum;
    final boolean recordsGradients;

    Workload(int batchSize, double learningRate, double momentum, boolean recordsGradients) {
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.recordsGradients = recordsGradients;
    }

    /** Whether the net takes images [1, 28, 28] rather than flat rows of 784. */
    boolean takesImages() {
        return this == LENET;
    }

    /** The net in Layerwise's builder. */
    Net net() {
        switch (this) {
            case MLP:
                return Net.input(784).dense(256).relu().dense(128).relu().dense(10);
            case LENET:
                return Net.input(1, 28, 28).conv2d(6, 5, 1, 2).relu().maxPool(2)
                        .conv2d(16, 5).relu().maxPool(2).flatten()
                        .dense(120).relu().dense(84).relu().dense(10);
            case SIGMOID:
                return Net.input(784).dense(30).sigmoid().dense(30).sigmoid().dense(30).sigmoid().dense(10)
                        .init(Init.normal(0, 1));
            default:
                throw new AssertionError(this);
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Workload of(String id) {
        for (Workload w : values()) {
            if (w.id().equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("Unknown workload '" + id + "'; expected mlp, lenet or sigmoid.");
    }
}
