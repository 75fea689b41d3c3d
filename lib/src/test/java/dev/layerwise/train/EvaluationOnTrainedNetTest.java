package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.engine.HostReads;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * An evaluation of a net trained briefly on 600 Fashion-MNIST images, measured on 400 test images:
 * its views agree with each other and with the net's outputs computed separately.
 */
@Tag("engine")
class EvaluationOnTrainedNetTest {
    private static Dataset data;
    private static Learner learner;
    private static Evaluation ev;

    @BeforeAll
    static void trainBriefly() {
        data = Datasets.fashionMnist().subset(600).testSubset(400).batchSize(32).seed(3);
        learner = Learner.of(Net.input(784).dense(32).relu().dense(10), data).optimizer(Optimizers.adam(0.003))
                .seed(3).quiet();
        learner.fit(2);
        ev = learner.evaluate();
    }

    @Test
    void theMatrixSumsToTheExamplesAndItsDiagonalIsTheAccuracy() {
        ConfusionMatrix m = ev.confusion();
        assertEquals(400, ev.examples());
        assertEquals(ev.examples(), m.total(), "every test example counted once");
        assertEquals(ev.accuracy(), m.correct() / (double) m.total(), 0.0, "diagonal / total is the accuracy");
        assertTrue(ev.accuracy() > 0.6, "it did learn: " + ev);
        int[] perClass = data.testExamples().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(perClass[c], m.support(c), "row " + c + " holds that class's test examples");
        }
        String html = m.toMimeBundle().get(MimeBundle.HTML);
        for (String name : Datasets.FASHION_MNIST_CLASSES) {
            assertTrue(html.contains(">" + name + "</th>"), name + " labels the table");
            assertTrue(m.toString().contains(name), name + " labels the text table");
        }
        assertTrue(ev.toMimeBundle().get(MimeBundle.HTML).contains("top-3 accuracy"), "the evaluation's own display");
    }

    @Test
    void predictionsLossAndAccuracyMatchTheNetsOutputsComputedSeparately() {
        Examples test = data.testExamples();
        float[] out = learner.outputs(test);
        Predictions p = ev.predictions();
        assertEquals("probability", p.confidenceName());
        double lossSum = 0;
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            int y = test.label(i);
            int best = 0;
            double norm = 0;
            int rank = 0;
            for (int c = 0; c < 10; c++) {
                float z = out[i * 10 + c];
                best = z > out[i * 10 + best] ? c : best;
                rank += z > out[i * 10 + y] || (z == out[i * 10 + y] && c < y) ? 1 : 0;
            }
            for (int c = 0; c < 10; c++) {
                norm += Math.exp(out[i * 10 + c] - out[i * 10 + best]);
            }
            assertEquals(best, p.predicted()[i], "example " + i + ": the largest output");
            assertEquals(1 / norm, p.confidence()[i], 1e-5, "example " + i + ": its softmax probability");
            assertEquals(rank, p.trueRank()[i], "example " + i + ": outputs above the true class's");
            lossSum += Math.log(norm) - (out[i * 10 + y] - out[i * 10 + best]);
            right += best == y ? 1 : 0;
        }
        assertEquals(lossSum / test.size(), ev.loss(), 1e-5, "mean softmax cross-entropy");
        assertEquals(right / (double) test.size(), ev.accuracy(), 0.0);
        assertArrayEquals(test.labels(), p.truth());
    }

    @Test
    void topKGrowsWithKFromTheAccuracyToOne() {
        assertEquals(ev.accuracy(), ev.topK(1).accuracy(), 0.0, "top-1 is the accuracy");
        for (int k = 2; k <= 10; k++) {
            assertTrue(ev.topK(k).accuracy() >= ev.topK(k - 1).accuracy(), "top-" + k);
        }
        assertTrue(ev.topK(3).accuracy() > ev.accuracy(), "a brief net often has the true class second or third");
        assertEquals(1.0, ev.topK(10).accuracy(), 0.0);
    }

    @Test
    void theGalleryShowsTheSurestMistakes() throws IOException {
        ConfidentlyWrong w = ev.confidentlyWrong(8);
        Predictions p = ev.predictions();
        assertEquals(8, w.mistakes().size());
        float surestWrong = 0;
        for (int i = 0; i < p.size(); i++) {
            if (p.predicted()[i] != p.truth()[i]) {
                surestWrong = Math.max(surestWrong, p.confidence()[i]);
            }
        }
        assertEquals(surestWrong, w.mistakes().get(0).confidence(), 0.0);
        for (int k = 0; k < 8; k++) {
            ConfidentlyWrong.Mistake m = w.mistakes().get(k);
            assertNotEquals(m.trueClass(), m.predictedClass());
            assertEquals(data.testExamples().label(m.index()), m.trueClass());
            assertEquals(Datasets.FASHION_MNIST_CLASSES.get(m.predictedClass()), m.predictedName());
            assertTrue(k == 0 || m.confidence() <= w.mistakes().get(k - 1).confidence(), "most confident first");
        }
        assertEquals(Math.round((1 - ev.accuracy()) * 400), w.wrongTotal());
        var image = ImageIO.read(new ByteArrayInputStream(w.png()));
        assertTrue(image.getWidth() >= 8 * 84 && image.getHeight() > 84, "eight 84-pixel images in a row");
    }

    @Test
    void anEvaluationReadsTheSetsPredictionsBackOnce() {
        learner.evaluate(); // the test set is on the device from the first evaluation on
        long before = HostReads.total();
        learner.evaluate();
        assertEquals(1, HostReads.total() - before, "loss and all predictions in one read");
    }

    @Test
    void aSigmoidNetsConfidenceIsItsLargestOutput() {
        Dataset blobs = Datasets.blobs(90, 3, 4, 1.0, 5).batchSize(10);
        Learner l = Learner.of(Net.input(4).dense(3).sigmoid(), blobs).loss(Loss.binaryCrossEntropy()).quiet();
        l.fit(1);
        Evaluation e = l.evaluate();
        Examples test = blobs.testExamples();
        float[] out = l.outputs(test);
        assertEquals("sigmoid output", e.predictions().confidenceName());
        for (int i = 0; i < test.size(); i++) {
            float largest = Math.max(out[3 * i], Math.max(out[3 * i + 1], out[3 * i + 2]));
            assertEquals(largest, e.predictions().confidence()[i], 1e-6, "example " + i);
        }
    }

    @Test
    void regressionDataStillEvaluatesAndRefusesTheClassViews() {
        Examples reg = Examples.unlabeled("regression", new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 4)
                .withTargets(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3);
        Learner l = Learner.of(Net.input(4).dense(3), Dataset.of(reg)).quiet();
        Evaluation e = l.evaluate();
        assertEquals(3, e.examples());
        float[] out = l.outputs(reg);
        float[] targets = reg.targets();
        double squares = 0;
        for (int i = 0; i < out.length; i++) {
            squares += (out[i] - targets[i]) * (out[i] - targets[i]);
        }
        double mse = squares / out.length;
        assertEquals(mse, e.loss(), 1e-6 * Math.max(1, mse), "the mean squared error over every output (float32)");
        assertTrue(Double.isNaN(e.accuracy()));
        assertFalse(e.hasClasses());
        assertThrows(IllegalStateException.class, e::confusion);
        assertEquals(List.of("text/plain"), List.copyOf(e.toMimeBundle().data().keySet()));
    }
}
