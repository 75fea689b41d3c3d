package dev.layerwise.pretrain;

import dev.layerwise.data.Dataset;
import dev.layerwise.train.History;
import dev.layerwise.train.Learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Greedy supervised growth (Bengio et al. 2007): train a net with one hidden layer; add the next
 * hidden layer under a fresh output layer, keeping the trained layers' weights; train only the new
 * layer (earlier ones frozen) or all of them; repeat to the full depth.
 * <pre>{@code
 * var grown = Pretrain.supervised(data).hidden(30, 30, 30).epochsPerStage(1).run();
 * grown.compareWithJoint()
 * // train one layer, add a second and train both, add a third and train all three:
 * Pretrain.supervised(data).hidden(30, 30, 30).onlyNewLayer(false).epochsPerStage(1, 1, 2).run();
 * }</pre>
 */
public final class SupervisedGrowth extends LayerwiseTraining<SupervisedGrowth> {
    private int[] epochsPerStage = {1};
    private boolean onlyNewLayer = true;

    SupervisedGrowth(Dataset data) {
        super(data);
    }

    /**
     * Epochs each stage trains: one number for every stage, or one per stage, bottom first
     * ({@code epochsPerStage(2, 2, 4)} trains the last, full-depth stage longest).
     *
     * @param epochs at least 1 each
     * @return this trainer
     */
    public SupervisedGrowth epochsPerStage(int... epochs) {
        this.epochsPerStage = requireEpochs("epochsPerStage", epochs);
        return this;
    }

    /**
     * Whether each stage trains only its new hidden layer and the output (earlier layers frozen, the
     * default) or every layer.
     *
     * @param only true to freeze the earlier layers
     * @return this trainer
     */
    public SupervisedGrowth onlyNewLayer(boolean only) {
        this.onlyNewLayer = only;
        return this;
    }

    @Override
    public PretrainResult run() {
        Architecture arch = architecture();
        int[] epochs = epochsPerLevel("epochsPerStage", epochsPerStage, arch.depth());
        List<Stage> stages = new ArrayList<>();
        Map<String, float[]> carried = Map.of();
        Learner learner = null;
        for (int level = 1; level <= arch.depth(); level++) {
            learner = prepare(Learner.of(arch.classifier(level, data.numClasses()), data)
                    .seed(seed + level).optimizer(optimizer));
            for (Map.Entry<String, float[]> p : carried.entrySet()) {
                if (p.getKey().startsWith("hidden_")) {
                    learner.parameter(p.getKey(), p.getValue());
                }
            }
            String trained = "all " + level + " hidden + output";
            if (onlyNewLayer && level > 1) {
                List<String> earlier = new ArrayList<>();
                for (int i = 1; i < level; i++) {
                    earlier.add(Architecture.hiddenName(i));
                }
                learner.freeze(earlier.toArray(String[]::new));
                trained = Architecture.hiddenName(level) + " + output";
            }
            History h = learner.fit(epochs[level - 1]);
            long seen = h.steps().stream().mapToLong(s -> s.batchSize()).sum();
            stages.add(new Stage("grow to " + level + " hidden layer" + (level == 1 ? "" : "s"), trained, h,
                    learner.evaluate(), seen, learner.parameters()));
            if (h.stopped()) {
                break;
            }
            carried = learner.parameters();
        }
        return new PretrainResult("supervised growth", arch, stages, learner, data, optimizer);
    }
}
