package dev.layerwise.pretrain;

import dev.layerwise.data.Dataset;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.train.Learner;

import java.util.List;
import java.util.Locale;

/**
 * What layer-wise training produced: each stage's history and result, and the final learner,
 * which holds the whole trained net and can go on training.
 */
public final class PretrainResult implements Displayable {
    private final String method;
    private final Architecture architecture;
    private final List<Stage> stages;
    private final Learner learner;
    private final Dataset data;
    private final Optimizer optimizer;

    PretrainResult(String method, Architecture architecture, List<Stage> stages, Learner learner, Dataset data,
            Optimizer optimizer) {
        this.method = method;
        this.architecture = architecture;
        this.stages = List.copyOf(stages);
        this.learner = learner;
        this.data = data;
        this.optimizer = optimizer;
    }

    /** @return the stages in order */
    public List<Stage> stages() {
        return stages;
    }

    /** @return the learner of the final, full net */
    public Learner learner() {
        return learner;
    }

    /** @return the architecture that was trained */
    public Architecture architecture() {
        return architecture;
    }

    /** @return training examples processed over all stages: the budget a fair comparison gives joint training */
    public long examplesSeen() {
        return stages.stream().mapToLong(Stage::examplesSeen).sum();
    }

    /** @return the final net's test accuracy */
    public double testAccuracy() {
        return stages.get(stages.size() - 1).result().accuracy();
    }

    /**
     * Trains the same architecture jointly from scratch, with the same optimizer, seed and number of
     * training examples seen (every stage's, pretraining included), and sets the two side by side.
     *
     * @return the comparison
     */
    public Comparison compareWithJoint() {
        return compareWithJoint((int) Math.max(1, Math.round(examplesSeen() / (double) data.size())));
    }

    /**
     * Trains the same architecture jointly from scratch for a given number of epochs of the labelled
     * data, with the same optimizer and seed (so the same first weights as the layer-wise net had
     * before its stages), and sets the two side by side; e.g. as many epochs as fine-tuning had.
     *
     * @param epochs at least 1
     * @return the comparison
     */
    public Comparison compareWithJoint(int epochs) {
        LayerwiseTraining.requireEpochs("compareWithJoint", epochs);
        Learner joint = Learner.of(architecture.classifier(architecture.depth(), data.numClasses()), data)
                .seed(learner.seed()).optimizer(optimizer).quiet();
        joint.removeCallback("checkpoint"); // the comparison's control run, not a learner to restore
        joint.fit(epochs);
        return new Comparison(this, joint, epochs);
    }

    String method() {
        return method;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s of %s: %d stages, %,d examples seen%n",
                method, architecture, stages.size(), examplesSeen()));
        sb.append(String.format(Locale.ROOT, "%-48s %-20s %10s %10s %9s%n", "stage", "trained", "loss", "accuracy",
                "examples"));
        for (Stage s : stages) {
            sb.append(String.format(Locale.ROOT, "%-48s %-20s %10.4f %10s %,9d%n", s.name(), s.trained(),
                    s.result().loss(), Double.isNaN(s.result().accuracy()) ? "-"
                            : String.format(Locale.ROOT, "%.2f%%", 100 * s.result().accuracy()), s.examplesSeen()));
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public MimeBundle toMimeBundle() {
        String text = toString();
        return MimeBundle.text(text).withHtml("<pre>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</pre>");
    }
}
