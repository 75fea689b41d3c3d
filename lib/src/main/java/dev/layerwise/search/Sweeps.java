package dev.layerwise.search;

import dev.layerwise.data.Dataset;
import dev.layerwise.nn.Net;

import java.util.function.DoubleFunction;

/**
 * Sweeps over one hyperparameter for the classic questions of tuning: how the mini-batch size
 * changes the time to reach an accuracy, and how dropout changes the gap between training and
 * test accuracy. Each sweep trains one learner per value from the same initial weights and returns
 * a table with a chart.
 */
public final class Sweeps {
    private Sweeps() {}

    /**
     * Trains with each mini-batch size until the test accuracy reaches a target, measuring the
     * wall-clock time and the examples it took (Bengio 2012, "Practical recommendations for
     * gradient-based training of deep architectures", §3.1, on the batch size's effect on speed).
     * <pre>{@code
     * Sweeps.batchSizes(net, data).sizes(2, 10, 50, 200).target(0.8).maxEpochs(3).run()
     * }</pre>
     *
     * @param net the network; every size starts from the same initial weights
     * @param data the training data, with a test set
     * @return the sweep, to configure and {@code run()}
     */
    public static BatchSizeSweep batchSizes(Net net, Dataset data) {
        return new BatchSizeSweep(net, data);
    }

    /**
     * Trains one net per dropout rate for the same epochs and compares training and test accuracy:
     * dropout trades training fit for a smaller generalization gap (Srivastava et al. 2014).
     * <pre>{@code
     * Sweeps.dropout(rate -> Net.input(784).dense(100).relu().dropout(rate).dense(10), data).rates(0, 0.5).run()
     * }</pre>
     *
     * @param netWithRate builds the net for a dropout rate
     * @param data the training data, with a test set
     * @return the sweep, to configure and {@code run()}
     */
    public static DropoutSweep dropout(DoubleFunction<Net> netWithRate, Dataset data) {
        return new DropoutSweep(netWithRate, data);
    }

    static void requireTest(Dataset data, String sweep) {
        if (data == null || !data.hasTest()) {
            throw new IllegalArgumentException(sweep + ": the data " + (data == null ? "is null" : "'" + data.name()
                    + "' has no test set") + "; the sweep measures test accuracy. Use data.split(0.8) or a data set with"
                    + " a test set, e.g. Datasets.fashionMnist().");
        }
    }
}
