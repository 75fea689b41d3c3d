package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.layerwise.data.Dataset;
import dev.layerwise.engine.HostReads;

import java.util.ArrayList;
import java.util.List;

/**
 * What an evaluation keeps of each batch, on the device until the end: the batch's summed loss
 * and, for labelled data, one row per example of (predicted class, confidence, rank of the true
 * class). {@link #finish} reads all of it back in one piece; no batch's outputs outlive the batch.
 */
final class EvaluationPass implements AutoCloseable {
    /** How the net's outputs turn into the confidence of a prediction. */
    enum Confidence {
        /** Softmax of the outputs, for softmax cross-entropy: the predicted class's probability. */
        PROBABILITY("probability"),
        /** The sigmoid of the largest output, for a loss that takes a final sigmoid's logits. */
        SIGMOID("sigmoid output"),
        /** The largest output itself. */
        OUTPUT("output");

        private final String label;

        Confidence(String label) {
            this.label = label;
        }
    }

    private final Confidence confidence;
    private final List<NDArray> losses = new ArrayList<>();
    private final List<NDArray> rows = new ArrayList<>();

    EvaluationPass(Confidence confidence) {
        this.confidence = confidence;
    }

    /**
     * Keeps one batch's figures; call inside the batch's scope.
     *
     * @param out the net's outputs [batch, classes] (logits when the loss fuses a final sigmoid)
     * @param targets the batch's targets
     * @param loss the batch's mean loss
     */
    void add(NDArray out, BatchTargets targets, NDArray loss) {
        keep(losses, loss.mul(targets.batchSize()));
        if (targets.labelsOrNull() == null) {
            return;
        }
        NDArray label = targets.labelColumn();
        NDArray predicted = out.argMax(1).toType(DataType.FLOAT32, false);
        NDArray largest = out.max(new int[] {1});
        NDArray sure = switch (confidence) {
            case PROBABILITY -> out.softmax(1).max(new int[] {1});
            case SIGMOID -> ai.djl.nn.Activation.sigmoid(largest);
            case OUTPUT -> largest;
        };
        // outputs above the true class's, and equal ones of a lower class id, as argMax breaks ties
        NDArray trueOutput = out.gather(label, 1);
        long classes = out.getShape().get(1);
        // the learner's manager lives on the CPU whatever the device: move the class ids to the outputs
        NDArray ids = out.getManager().arange(0f, classes, 1f, DataType.INT64).reshape(1, classes)
                .toDevice(out.getDevice(), false);
        NDArray before = out.gt(trueOutput).logicalOr(out.eq(trueOutput).logicalAnd(ids.lt(label)));
        NDArray rank = before.toType(DataType.FLOAT32, false).sum(new int[] {1});
        keep(rows, NDArrays.stack(new NDList(predicted, sure, rank), 1));
    }

    private static void keep(List<NDArray> list, NDArray a) {
        NDScope.unregister(a); // outlives the batch's scope; closed by close()
        list.add(a);
    }

    /**
     * Reads everything back at once and makes the evaluation.
     *
     * @param set the evaluated set
     * @return the evaluation, with predictions when the set has labels
     */
    Evaluation finish(Dataset set) {
        int n = set.size();
        NDArray lossSum = NDArrays.stack(new NDList(losses)).sum().reshape(1);
        NDArray all = rows.isEmpty() ? lossSum : NDArrays.concat(new NDList(lossSum,
                NDArrays.concat(new NDList(rows)).flatten()));
        float[] read = HostReads.floats(all);
        double loss = read[0] / (double) n;
        if (rows.isEmpty()) {
            return new Evaluation(set.name(), loss, Double.NaN, n);
        }
        int[] predicted = new int[n];
        float[] sure = new float[n];
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = (int) read[1 + 3 * i];
            sure[i] = read[2 + 3 * i];
            rank[i] = (int) read[3 + 3 * i];
        }
        Predictions p = new Predictions(set, predicted, sure, rank, confidence.label);
        long right = 0;
        for (int i = 0; i < n; i++) {
            right += predicted[i] == p.truthAt(i) ? 1 : 0;
        }
        return new Evaluation(set.name(), loss, right / (double) n, n, p);
    }

    @Override
    public void close() {
        losses.forEach(NDArray::close);
        rows.forEach(NDArray::close);
    }
}
