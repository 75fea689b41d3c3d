package dev.layerwise.pretrain;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Activation;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.train.History;
import dev.layerwise.train.Learner;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy unsupervised pretraining with (denoising) autoencoders (Bengio et al. 2007; Vincent et
 * al. 2008): each hidden layer learns to reconstruct the codes of the layer below, from a copy with
 * a fraction of the values zeroed; the trained encoders are then stacked under an output layer and
 * fine-tuned jointly with the labels. The historical recipe, on a separate unlabelled set:
 * <pre>{@code
 * Pretrain.autoencoders(fewLabels)                       // fine-tuning data, with labels
 *     .hidden(500, 500, 500).init(Init.glorotStandard())
 *     .pretrainOn(unlabelled.batchSize(10))              // its own examples and batch size
 *     .epochsPerLayer(5).noise(0.25).sigmoidDecoder().tiedWeights()
 *     .pretrainOptimizer(Optimizers.sgd(0.01)).optimizer(Optimizers.sgd(0.1)).fineTuneEpochs(10)
 *     .run();
 * }</pre>
 */
public final class AutoencoderPretraining extends LayerwiseTraining<AutoencoderPretraining> {
    private int[] epochsPerLayer = {1};
    private int fineTuneEpochs = 1;
    private double noise;
    private Dataset pretrainSet;
    private Optimizer pretrainOptimizer;
    private boolean sigmoidDecoder;
    private boolean tied;

    AutoencoderPretraining(Dataset data) {
        super(data);
    }

    /**
     * Epochs each autoencoder trains: one number for every layer, or one per layer, bottom first.
     *
     * @param epochs at least 1 each
     * @return this trainer
     */
    public AutoencoderPretraining epochsPerLayer(int... epochs) {
        this.epochsPerLayer = requireEpochs("epochsPerLayer", epochs);
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
     * Makes the autoencoders denoising: at every training step each input value is zeroed with this
     * probability (masking noise, drawn anew each time an example is seen; not rescaled).
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

    /**
     * The examples the autoencoders learn from, with their own batch size and shuffling seed: e.g. a
     * large unlabelled set beside a few labelled examples. Its labels, if any, are not used. By
     * default the autoencoders learn from the fine-tuning data's training examples.
     *
     * @param unlabelled flat examples of the same width as the fine-tuning data
     * @return this trainer
     */
    public AutoencoderPretraining pretrainOn(Dataset unlabelled) {
        if (unlabelled == null) {
            throw new IllegalArgumentException("pretrainOn(null): expected a data set, e.g."
                    + " Dataset.of(Datasets.fashionMnist().train().slice(10_000, 60_000)).batchSize(10).");
        }
        if (!java.util.Arrays.equals(unlabelled.sampleShape(), data.sampleShape())) {
            throw new IllegalArgumentException("pretrainOn('" + unlabelled.name() + "'): its examples have shape "
                    + java.util.Arrays.toString(unlabelled.sampleShape()) + ", but the fine-tuning data '" + data.name()
                    + "' has " + java.util.Arrays.toString(data.sampleShape()) + "; pretrain on examples of the same"
                    + " flat shape (call flat() on image data).");
        }
        this.pretrainSet = unlabelled;
        return this;
    }

    /**
     * The optimizer of the autoencoders, when it differs from fine-tuning's (each autoencoder
     * starts it fresh). By default they use {@link #optimizer(Optimizer)}'s.
     *
     * @param opt e.g. {@code Optimizers.sgd(0.01)}
     * @return this trainer
     */
    public AutoencoderPretraining pretrainOptimizer(Optimizer opt) {
        if (opt == null) {
            throw new IllegalArgumentException("pretrainOptimizer(null): expected a value, e.g. Optimizers.sgd(0.01).");
        }
        this.pretrainOptimizer = opt;
        return this;
    }

    /**
     * Decodes through a sigmoid and measures the reconstruction by cross-entropy summed over the
     * inputs, {@code −Σᵢ [xᵢ ln zᵢ + (1 − xᵢ) ln(1 − zᵢ)]} averaged over the batch (Vincent et al.
     * 2008, 2010), instead of a linear decoder with mean squared error. The inputs to reconstruct
     * must lie in [0, 1]: pixels scaled to [0, 1] and the codes of sigmoid layers do.
     *
     * @return this trainer
     */
    public AutoencoderPretraining sigmoidDecoder() {
        this.sigmoidDecoder = true;
        return this;
    }

    /**
     * Ties each decoder's weights to its encoder's, transposed: one array W encodes
     * {@code f(x Wᵀ + b)} and decodes {@code h W + c} (Vincent et al. 2010).
     *
     * @return this trainer
     */
    public AutoencoderPretraining tiedWeights() {
        this.tied = true;
        return this;
    }

    @Override
    public PretrainResult run() {
        Architecture arch = architecture();
        int[] epochs = epochsPerLevel("epochsPerLayer", epochsPerLayer, arch.depth());
        Dataset source = pretrainSet == null ? data : pretrainSet;
        // a copy without labels: reconstruction is scored by its loss alone, never by accuracy
        Examples inputs = Examples.unlabeled(source.name(), source.train().features(), source.train().sampleSize());
        if (sigmoidDecoder) {
            requireUnitRange(source, arch);
        }
        List<Stage> stages = new ArrayList<>();
        List<float[][]> encoders = new ArrayList<>();
        for (int level = 1; level <= arch.depth(); level++) {
            Dataset set = Dataset.of(inputs.withFeaturesAsTargets()).named("autoencoder " + level)
                    .batchSize(source.batchSize()).seed(source.seed() + level);
            Learner ae = prepare(Learner.of(arch.autoencoder(level, noise, sigmoidDecoder, tied), set).seed(seed + level)
                    .loss(sigmoidDecoder ? Loss.summedBinaryCrossEntropy() : Loss.mse())
                    .optimizer(pretrainOptimizer == null ? optimizer : pretrainOptimizer).validate(false));
            History h = ae.fit(epochs[level - 1]);
            long seen = h.steps().stream().mapToLong(s -> s.batchSize()).sum();
            String name = Architecture.hiddenName(level);
            stages.add(new Stage("autoencoder " + level + description(), name + (tied ? " (tied)" : " + decoder"), h,
                    ae.evaluate(), seen, ae.parameters()));
            float[][] encoder = {ae.parameter(name + ".weight"), ae.parameter(name + ".bias")};
            ae.close(); // its history and weights are copied into the stage; free its native memory now
            encoders.add(encoder);
            if (h.stopped()) {
                return finish(arch, stages, encoders, true);
            }
            if (level < arch.depth()) {
                inputs = Examples.unlabeled("codes of layer " + level, encode(arch, level, encoder, inputs),
                        arch.hidden()[level - 1]);
            }
        }
        return finish(arch, stages, encoders, false);
    }

    private String description() {
        List<String> parts = new ArrayList<>();
        if (noise > 0) {
            parts.add("denoising");
        }
        if (tied) {
            parts.add("tied");
        }
        if (sigmoidDecoder) {
            parts.add("cross-entropy");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** The codes of hidden layer {@code level} for the examples it was trained on, from clean inputs. */
    private static float[] encode(Architecture arch, int level, float[][] encoder, Examples inputs) {
        int width = (int) arch.inputWidth(level);
        int units = arch.hidden()[level - 1];
        // the layer's learner only computes outputs: one placeholder example of the right shapes is its data
        Dataset shapes = Dataset.of(Examples.unlabeled("encoder " + level, new float[width], width)
                .withTargets(new float[units], units));
        Learner layer = Learner.of(arch.encoderLayer(level), shapes).quiet();
        layer.removeCallback("checkpoint"); // a helper, not a learner to restore
        String name = Architecture.hiddenName(level);
        layer.parameter(name + ".weight", encoder[0]).parameter(name + ".bias", encoder[1]);
        float[] codes = layer.outputs(inputs);
        layer.close();
        return codes;
    }

    /** Cross-entropy reconstruction is defined for inputs in [0, 1]; say so before anything trains. */
    private void requireUnitRange(Dataset source, Architecture arch) {
        Examples inputs = source.train();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < inputs.size(); i++) {
            for (float v : inputs.features(i)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo < 0 || hi > 1) {
            throw new IllegalArgumentException("sigmoidDecoder(): cross-entropy reconstruction needs inputs in [0, 1],"
                    + " but '" + source.name() + "' has values from " + lo + " to " + hi + "; scale them with"
                    + " minMax(), or leave out sigmoidDecoder() for a linear decoder with mean squared error.");
        }
        if (arch.depth() > 1 && activation != Activation.Function.SIGMOID) {
            throw new IllegalArgumentException("sigmoidDecoder(): cross-entropy reconstruction needs inputs in [0, 1],"
                    + " but the codes of " + activation.builderName() + " layers, which layers 2 to " + arch.depth()
                    + " reconstruct, are not; use activation(Activation.Function.SIGMOID), or leave out"
                    + " sigmoidDecoder() for a linear decoder with mean squared error.");
        }
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
}
