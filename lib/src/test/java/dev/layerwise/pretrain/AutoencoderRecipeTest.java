package dev.layerwise.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.LayerParams;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * The historical recipe of stacked denoising autoencoders (Vincent et al. 2008, 2010): a separate
 * unlabelled set with its own batch size and epochs per layer, masking noise drawn at every step,
 * a sigmoid decoder scored by cross-entropy, and tied weights.
 */
@Tag("engine")
class AutoencoderRecipeTest {
    private static final Dataset LABELLED = Datasets.fashionMnist().subset(200).batchSize(20).seed(3);
    private static final Examples UNLABELLED_EXAMPLES = Datasets.fashionMnist().train().slice(1_000, 1_600);
    private static final Dataset UNLABELLED = Dataset.of(UNLABELLED_EXAMPLES).named("unlabelled").batchSize(30);

    private static AutoencoderPretraining recipe() {
        return Pretrain.autoencoders(LABELLED).hidden(16, 8).init(Init.glorotStandard()).pretrainOn(UNLABELLED)
                .pretrainOptimizer(Optimizers.sgd(0.05)).optimizer(Optimizers.sgd(0.5)).quiet();
    }

    @Test
    void autoencodersLearnFromTheSeparateSetWithItsBatchSizeAndTheirOwnEpochs() {
        PretrainResult r = recipe().epochsPerLayer(2, 1).fineTuneEpochs(1).run();
        Stage first = r.stages().get(0);
        Stage second = r.stages().get(1);
        assertEquals(2, first.history().epochs().size());
        assertEquals(1, second.history().epochs().size());
        assertEquals(2 * 600, first.examplesSeen(), "two epochs of the 600 unlabelled examples");
        assertEquals(600, second.examplesSeen());
        assertTrue(first.history().steps().stream().allMatch(s -> s.batchSize() == 30), "the unlabelled set's batches");
        Stage fineTune = r.stages().get(2);
        assertEquals(200, fineTune.examplesSeen(), "fine-tuning: one epoch of the 200 labelled examples");
        assertTrue(fineTune.history().steps().stream().allMatch(s -> s.batchSize() == 20));
        assertEquals(2 * 600 + 600 + 200, r.examplesSeen());
    }

    @Test
    void withoutASeparateSetTheAutoencodersLearnFromTheLabelledExamples() {
        PretrainResult r = Pretrain.autoencoders(LABELLED).hidden(8).optimizer(Optimizers.sgd(0.1)).quiet().run();
        assertEquals(200, r.stages().get(0).examplesSeen());
        assertEquals(List.of(20L), r.stages().get(0).history().steps().stream().map(s -> (long) s.batchSize())
                .distinct().toList());
    }

    @Test
    void tiedWeightsShareOneArrayAndCrossEntropyIsTheSumOverInputs() {
        PretrainResult r = recipe().hidden(16).tiedWeights().sigmoidDecoder().noise(0.25).run();
        Stage ae = r.stages().get(0);
        assertEquals(List.of("hidden_1.weight", "hidden_1.bias", "hidden_1.decoderBias"), List.copyOf(ae.weights().keySet()),
                "no decoder weights of its own");
        assertTrue(ae.name().contains("tied") && ae.name().contains("cross-entropy"), ae.name());
        double byHand = crossEntropyByHand(ae.weights(), UNLABELLED_EXAMPLES, true);
        assertEquals(byHand, ae.result().loss(), 1e-4 * byHand, "mean over examples of the summed cross-entropy");
        assertTrue(byHand > 50 && byHand < 784 * Math.log(2), "a reconstruction better than chance: " + byHand);
    }

    @Test
    void anUntiedSigmoidDecoderHasItsOwnWeights() {
        PretrainResult r = recipe().hidden(16).sigmoidDecoder().run();
        Map<String, float[]> w = r.stages().get(0).weights();
        assertEquals(List.of("hidden_1.weight", "hidden_1.bias", "decoder_1.weight", "decoder_1.bias"),
                List.copyOf(w.keySet()));
        double byHand = crossEntropyByHand(w, UNLABELLED_EXAMPLES, false);
        assertEquals(byHand, r.stages().get(0).result().loss(), 1e-4 * byHand);
    }

    @Test
    void theStackedNetStartsFromTheTrainedEncoders() {
        PretrainResult r = recipe().tiedWeights().sigmoidDecoder().run();
        // the second autoencoder reads the first one's codes, so its encoder is 8 × 16
        assertEquals(8 * 16, r.stages().get(1).weights().get("hidden_2.weight").length);
        assertEquals(List.of("hidden_1", "act_1", "hidden_2", "act_2", "output"), r.learner().net().layerNames());
    }

    @Test
    void maskingNoiseZeroesAFreshFractionAtEveryStepWithoutRescaling() {
        Layerwise.engine();
        MaskingNoise noise = new MaskingNoise("noise_1", 0.3);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new ai.djl.ndarray.types.Shape(100, 200)).mul(0.5f);
            float[] a = noise.forward(x, LayerParams.NONE, true).toFloatArray();
            float[] b = noise.forward(x, LayerParams.NONE, true).toFloatArray();
            int zeros = 0;
            for (float v : a) {
                assertTrue(v == 0f || v == 0.5f, "kept values are not rescaled: " + v);
                zeros += v == 0f ? 1 : 0;
            }
            assertEquals(0.3, zeros / 20_000.0, 0.02);
            assertFalse(java.util.Arrays.equals(a, b), "a new mask at every step");
            assertSame(x, noise.forward(x, LayerParams.NONE, false), "clean inputs at evaluation");
        }
    }

    /** −Σᵢ [xᵢ ln zᵢ + (1 − xᵢ) ln(1 − zᵢ)], averaged over the examples, with z decoded from clean inputs. */
    private static double crossEntropyByHand(Map<String, float[]> w, Examples examples, boolean tied) {
        float[] weight = w.get("hidden_1.weight");
        float[] bias = w.get("hidden_1.bias");
        float[] decoderWeight = tied ? null : w.get("decoder_1.weight");
        float[] decoderBias = tied ? w.get("hidden_1.decoderBias") : w.get("decoder_1.bias");
        int units = bias.length;
        int inputs = decoderBias.length;
        double total = 0;
        for (int e = 0; e < examples.size(); e++) {
            float[] x = examples.features(e);
            double[] h = new double[units];
            for (int u = 0; u < units; u++) {
                double z = bias[u];
                for (int i = 0; i < inputs; i++) {
                    z += (double) weight[u * inputs + i] * x[i];
                }
                h[u] = 1 / (1 + Math.exp(-z));
            }
            for (int i = 0; i < inputs; i++) {
                double z = decoderBias[i];
                for (int u = 0; u < units; u++) {
                    // tied: W is [units, inputs] and decodes as h W; untied: decoder_1.weight is [inputs, units]
                    z += h[u] * (tied ? weight[u * inputs + i] : decoderWeight[i * units + u]);
                }
                double rec = 1 / (1 + Math.exp(-z));
                total -= x[i] * Math.log(rec) + (1 - x[i]) * Math.log(1 - rec);
            }
        }
        return total / examples.size();
    }
}
