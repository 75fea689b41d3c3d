package dev.layerwise.pretrain;

import dev.layerwise.train.HistoryCharts;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;
import dev.layerwise.train.History;
import dev.layerwise.train.Learner;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Layer-wise training against joint training of the same architecture on the same budget. */
public final class Comparison implements Displayable {
    private final PretrainResult layerwise;
    private final Learner joint;
    private final int jointEpochs;

    Comparison(PretrainResult layerwise, Learner joint, int jointEpochs) {
        this.layerwise = layerwise;
        this.joint = joint;
        this.jointEpochs = jointEpochs;
    }

    /** @return the layer-wise result */
    public PretrainResult layerwise() {
        return layerwise;
    }

    /** @return the jointly trained learner */
    public Learner joint() {
        return joint;
    }

    /** @return the final test accuracy of layer-wise training */
    public double layerwiseAccuracy() {
        return layerwise.testAccuracy();
    }

    /** @return the final test accuracy of joint training */
    public double jointAccuracy() {
        return joint.evaluate().accuracy();
    }

    /** @return the training curves of every stage and of joint training, overlaid */
    public Chart plot() {
        Map<String, History> runs = new LinkedHashMap<>();
        layerwise.stages().stream().filter(s -> !Double.isNaN(s.result().accuracy()))
                .forEach(s -> runs.put(s.name(), s.history()));
        runs.put("joint from scratch", joint.history());
        return HistoryCharts.compareHistories(runs);
    }

    /** @return training examples joint training processed */
    public long jointExamplesSeen() {
        return joint.history().steps().stream().mapToLong(s -> s.batchSize()).sum();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s vs joint training of %s%n"
                        + "  %-24s test accuracy %6.2f%%   examples seen %,d%n"
                        + "  %-24s test accuracy %6.2f%%   examples seen %,d (%d epochs)",
                layerwise.method(), layerwise.architecture(), layerwise.method(), 100 * layerwiseAccuracy(),
                layerwise.examplesSeen(), "joint from scratch", 100 * jointAccuracy(), jointExamplesSeen(), jointEpochs);
    }

    @Override
    public MimeBundle toMimeBundle() {
        MimeBundle chart = plot().toMimeBundle();
        MimeBundle bundle = MimeBundle.text(toString());
        for (String type : new String[] {MimeBundle.PNG, MimeBundle.SVG}) {
            if (chart.get(type) != null) {
                bundle = bundle.with(type, chart.get(type));
            }
        }
        return bundle;
    }
}
