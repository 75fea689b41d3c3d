package dev.layerwise.pretrain;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.loss.Loss;
import dev.layerwise.train.History;
import dev.layerwise.train.Learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Greedy unsupervised pretraining with (denoising) autoencoders (Bengio et al. 2007; Vincent et
 * al. 2008): each hidden layer learns to reconstruct the codes of the layer below, from a copy with
 * a fraction of the values zeroed; the trained encoders are then stacked under an output layer and
 * fine-tuned jointly with the labels.
 */
public final class AutoencoderPretraining extends LayerwiseTraining<AutoencoderPretraining> {
    private int epochsPerLayer = 1;
    private int fineTuneEpochs = 1;
    private double noise;

    AutoencoderPretraining(Dataset data) {
        super(data);
    }

    /**
     * Epochs each autoencoder trains.
     *
     * @param epochs at least 1
     * @return this trainer
     */
    public AutoencoderPretraining epochsPerLayer(int epochs) {
        requireEpochs("epochsPerLayer", epochs);
        this.epochsPerLayer = epochs;
        return this;
    }

    /**
     * Epochs of joint fine-tuning of the stacked net with the labels.
     *
     * @param epochs at least 1
     * @return this trainer
     */
    public AutoencoderPretraining fineTuneEpochs(int epochs) {
        requireEpochs("fineTuneEpochs", epochs);
        this.fineTuneEpochs = epochs;
        return this;
    }

    /**
     * Makes the autoencoders denoising: each input value is zeroed with this probability (masking noise).
     *
     * @param fraction in [0, 1), e.g. 0.3; 0 for plain autoencoders
     * @return this trainer
     */
    public AutoencoderPretraining noise(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("noise(" + fraction + "): the fraction of inputs zeroed must be in"
                    + " [0, 1), e.g. 0.3.");
        }
        this.noise = fraction;
        return this;
    }

    @Override
    public PretrainResult run() {
        Architecture arch = architecture();
        List<Stage> stages = new ArrayList<>();
        List<float[][]> encoders = new ArrayList<>();
        float[] codes = data.train().features();
        int width = data.train().sampleSize();
        for (int level = 1; level <= arch.depth(); level++) {
            float[] corrupted = corrupt(codes, new Random(seed * 31 + level));
            Examples pairs = Examples.unlabeled("codes of layer " + (level - 1), corrupted, width)
                    .withTargets(codes, width);
            Dataset set = Dataset.of(pairs).named("autoencoder " + level).batchSize(data.batchSize())
                    .seed(data.seed() + level);
            Learner ae = prepare(Learner.of(arch.autoencoder(level), set).seed(seed + level)
                    .loss(Loss.mse()).optimizer(optimizer).validate(false));
            History h = ae.fit(epochsPerLayer);
            long seen = h.steps().stream().mapToLong(s -> s.batchSize()).sum();
            stages.add(new Stage("autoencoder " + level + (noise > 0 ? " (denoising)" : ""),
                    Architecture.hiddenName(level) + " + decoder", h, ae.evaluate(), seen, ae.parameters()));
            String name = Architecture.hiddenName(level);
            encoders.add(new float[][] {ae.parameter(name + ".weight"), ae.parameter(name + ".bias")});
            if (h.stopped()) {
                return finish(arch, stages, encoders, true);
            }
            codes = ae.outputs(Examples.unlabeled("codes", codes, width), "act_" + level);
            width = arch.hidden()[level - 1];
        }
        return finish(arch, stages, encoders, false);
    }

    private PretrainResult finish(Architecture arch, List<Stage> stages, List<float[][]> encoders, boolean stopped) {
        Learner learner = prepare(Learner.of(arch.classifier(arch.depth(), data.numClasses()), data)
                .seed(seed).optimizer(optimizer));
        for (int i = 0; i < encoders.size(); i++) {
            learner.parameter(Architecture.hiddenName(i + 1) + ".weight", encoders.get(i)[0]);
            learner.parameter(Architecture.hiddenName(i + 1) + ".bias", encoders.get(i)[1]);
        }
        if (!stopped) {
            History h = learner.fit(fineTuneEpochs);
            long seen = h.steps().stream().mapToLong(s -> s.batchSize()).sum();
            stages.add(new Stage("fine-tune all layers", "all", h, learner.evaluate(), seen, learner.parameters()));
        }
        return new PretrainResult("autoencoder pretraining", arch, stages, learner, data, optimizer);
    }

    private float[] corrupt(float[] values, Random rng) {
        if (noise == 0) {
            return values;
        }
        float[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (rng.nextDouble() < noise) {
                out[i] = 0;
            }
        }
        return out;
    }
}
