package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.display.MimeBundle;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The views of an evaluation on a small set of known predictions, checked against hand
 * computations (and scikit-learn 1.2's {@code confusion_matrix} and {@code classification_report}
 * on the same ten predictions, which give the same numbers).
 */
@Tag("unit")
class EvaluationViewsTest {
    private static final List<String> NAMES = List.of("cat", "dog", "bird", "fish", "frog");
    private static final int[] TRUTH = {0, 0, 0, 1, 1, 2, 2, 0, 1, 1};
    private static final int[] PREDICTED = {0, 0, 1, 1, 3, 1, 0, 0, 1, 1};
    /** Rank of the true class: 0 where the prediction is right. */
    private static final int[] RANK = {0, 0, 2, 0, 1, 3, 1, 0, 0, 0};
    /** The wrong ones are examples 2 (0.70), 4 (0.95), 5 (0.60) and 6 (0.95). */
    private static final float[] CONFIDENCE = {0.9f, 0.8f, 0.7f, 0.99f, 0.95f, 0.6f, 0.95f, 0.5f, 0.85f, 0.9f};

    /** Ten 28 × 28 gray images, example i a flat gray of level (i + 1) / 20. */
    private static Dataset images() {
        float[] pixels = new float[10 * 784];
        for (int i = 0; i < 10; i++) {
            java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (i + 1) / 20f);
        }
        return Dataset.of(Examples.of("pets", pixels, new int[] {784}, TRUTH, 5)).withClassNames(
                NAMES.toArray(String[]::new));
    }

    private static Evaluation evaluation(Dataset set) {
        Predictions p = new Predictions(set, PREDICTED, CONFIDENCE, RANK, "probability");
        return new Evaluation(set.name(), 0.5, 0.6, 10, p);
    }

    @Test
    void confusionMatrixCountsTrueClassesInRowsAndPredictionsInColumns() {
        ConfusionMatrix m = evaluation(images()).confusion();
        long[][] byHand = {
            {3, 1, 0, 0, 0},
            {0, 3, 0, 1, 0},
            {1, 1, 0, 0, 0},
            {0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0}};
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(byHand[r], m.counts()[r], "row of " + NAMES.get(r));
        }
        assertEquals(10, m.total());
        assertEquals(6, m.correct());
        assertEquals(1, m.count("dog", "fish"));
        assertEquals(1, m.count("bird", "cat"));
        assertEquals(4, m.support(0));
        assertEquals(5, m.predicted(1));
        assertEquals(List.of(new ConfusionMatrix.Confusion("cat", "dog", 1),
                new ConfusionMatrix.Confusion("dog", "fish", 1)), m.mostConfused(2), "ties in class order");
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0, 0}, m.rowFractions()[2], 1e-12);
        assertEquals(m.counts()[0][1], ConfusionMatrix.of(TRUTH, PREDICTED, NAMES).count(0, 1), "the public factory");
    }

    @Test
    void confusionMatrixShowsClassNamesInTextAndHtmlAndAHeatMap() throws IOException {
        ConfusionMatrix m = evaluation(images()).confusion();
        String text = m.toString();
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(1).startsWith("true \\ predicted") && lines.get(1).contains("frog"), text);
        assertTrue(lines.get(2).matches("cat\\s+3\\s+1\\s+0\\s+0\\s+0"), "the cat row: " + lines.get(2));
        MimeBundle b = m.toMimeBundle();
        String html = b.get(MimeBundle.HTML);
        for (String name : NAMES) {
            assertTrue(html.contains(">" + name + "</th>"), name + " heads a row and a column: " + html);
        }
        BufferedImage heat = png(html.substring(html.indexOf("base64,") + 7, html.indexOf('"', html.indexOf("base64,"))));
        assertTrue(heat.getWidth() > 300 && heat.getHeight() > 300, "a heat map: " + heat.getWidth());
        assertEquals(List.of("Confusion matrix · pets"), m.chart().seriesNames());
        assertArrayEquals(m.chart().png(), Charts.confusion(m).png(), "the same chart from the catalogue");
    }

    @Test
    void reportMatchesHandValuesAndScikitLearnsZeroDivision() {
        ClassificationReport r = evaluation(images()).report();
        assertEquals(List.of("cat", "dog", "bird", "fish"), r.classes().stream().map(ClassificationReport.Scores::name)
                .toList(), "frog, neither in the set nor predicted, is left out as scikit-learn does");
        assertScores(r.get("cat"), 0.75, 0.75, 0.75, 4);
        assertScores(r.get("dog"), 0.6, 0.75, 2 * 0.6 * 0.75 / 1.35, 4);
        assertScores(r.get("bird"), 0, 0, 0, 2); // never predicted: precision 0/0 → 0
        assertScores(r.get("fish"), 0, 0, 0, 0); // predicted once, wrongly, and absent: recall 0/0 → 0
        assertScores(r.macroAverage(), 0.3375, 0.375, (0.75 + 2 * 0.6 * 0.75 / 1.35) / 4, 10);
        assertScores(r.weightedAverage(), 0.54, 0.6, (4 * 0.75 + 4 * 2 * 0.6 * 0.75 / 1.35) / 10, 10);
        assertEquals(0.6, r.accuracy(), 1e-12);
        assertEquals(3, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).contains("precision is 0/0, reported as 0") && r.notes().get(0).endsWith("bird."));
        assertTrue(r.notes().get(1).contains("recall is 0/0, reported as 0") && r.notes().get(1).endsWith("fish."));
        assertTrue(r.notes().get(2).contains("left out") && r.notes().get(2).endsWith("frog."));
        assertTrue(r.toString().contains("macro avg        0.3375  0.3750    0.3542       10"), r.toString());
        assertTrue(r.toMimeBundle().get(MimeBundle.HTML).contains("<th style=\"padding:2px 8px;text-align:left\">bird"));
    }

    private static void assertScores(ClassificationReport.Scores s, double precision, double recall, double f1,
            long support) {
        assertEquals(precision, s.precision(), 1e-12, s.name() + " precision");
        assertEquals(recall, s.recall(), 1e-12, s.name() + " recall");
        assertEquals(f1, s.f1(), 1e-12, s.name() + " F1");
        assertEquals(support, s.support(), s.name() + " support");
    }

    @Test
    void topKCountsTrueClassesAmongTheKLargestOutputs() {
        Evaluation ev = evaluation(images());
        assertEquals(0.6, ev.topK(1).accuracy(), 1e-12);
        assertEquals(0.8, ev.topK(2).accuracy(), 1e-12);
        assertEquals(0.9, ev.topK(3).accuracy(), 1e-12);
        assertEquals(1.0, ev.topK(4).accuracy(), 1e-12);
        assertEquals(new TopK("pets", 2, 8, 10), ev.topK(2));
        assertTrue(ev.topK(2).toString().startsWith("top-2 accuracy on pets: 80.00% (8 of 10"), ev.topK(2).toString());
        assertThrows(IllegalArgumentException.class, () -> ev.topK(0));
        assertThrows(IllegalArgumentException.class, () -> ev.topK(6));
    }

    @Test
    void galleryPicksTheMostConfidentWrongPredictionsAndDrawsThemWithLabels() throws IOException {
        ConfidentlyWrong w = evaluation(images()).confidentlyWrong(3);
        assertEquals(List.of(4, 6, 2), w.mistakes().stream().map(ConfidentlyWrong.Mistake::index).toList(),
                "0.95, 0.95 (the earlier first), then 0.70; 0.60 is left out");
        assertEquals(new ConfidentlyWrong.Mistake(4, 1, 3, "dog", "fish", 0.95f), w.mistakes().get(0));
        assertEquals(4, w.wrongTotal());
        assertEquals(4, evaluation(images()).confidentlyWrong(10).mistakes().size(), "all wrong ones when fewer");
        assertTrue(w.areImages());

        BufferedImage gallery = png(Base64.getEncoder().encodeToString(w.png()));
        int cell = gallery.getWidth() / 3;
        int[] shown = {4, 6, 2};
        for (int k = 0; k < 3; k++) {
            int level = Math.round((shown[k] + 1) / 20f * 255);
            assertEquals(level, gallery.getRGB(k * cell + cell / 2, 40) & 0xFF, "tile " + k + " shows example "
                    + shown[k]);
            assertTrue(hasDarkPixels(gallery, k * cell, 100, cell, gallery.getHeight() - 100), "tile " + k
                    + " has its caption drawn under the image");
        }
        String html = w.toMimeBundle().get(MimeBundle.HTML);
        assertTrue(html.contains("#4 dog predicted as fish (p=0.950)"), html.substring(0, 400));
        assertTrue(w.toString().contains("The 3 most confidently wrong of 4 wrong predictions on pets"), w.toString());
    }

    private static boolean hasDarkPixels(BufferedImage img, int x0, int y0, int w, int h) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if ((img.getRGB(x, y) & 0xFF) < 100) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aSetWithoutMistakesSaysSoAndDrawsNothing() {
        Dataset set = images();
        Evaluation perfect = new Evaluation("pets", 0.1, 1.0, 10,
                new Predictions(set, TRUTH.clone(), CONFIDENCE, new int[10], "probability"));
        ConfidentlyWrong w = perfect.confidentlyWrong(4);
        assertTrue(w.mistakes().isEmpty());
        assertEquals("No wrong predictions on pets (10 examples).", w.toString());
        assertThrows(IllegalStateException.class, w::png);
        assertEquals(List.of(), perfect.confusion().mostConfused(3));
        assertEquals(1.0, perfect.report().get("bird").recall(), 0.0);
    }

    @Test
    void colorImagesKeepTheirChannels() throws IOException {
        float[] pixels = new float[10 * 3 * 16 * 16];
        for (int i = 0; i < 10; i++) {
            java.util.Arrays.fill(pixels, i * 768, i * 768 + 256, 1f); // red plane full, green and blue empty
        }
        Dataset red = Dataset.of(Examples.of("red", pixels, new int[] {3, 16, 16}, TRUTH, 5));
        BufferedImage gallery = png(Base64.getEncoder().encodeToString(evaluation(red).confidentlyWrong(1).png()));
        assertEquals(0xFF0000, gallery.getRGB(gallery.getWidth() / 2, 40) & 0xFFFFFF, "a red image stays red");
    }

    @Test
    void dataThatIsNotImagesShowsATableAndSaysSo() {
        float[] features = new float[10 * 3];
        for (int i = 0; i < features.length; i++) {
            features[i] = i;
        }
        Dataset table = Dataset.of(Examples.of("table", features, new int[] {3}, TRUTH, 5));
        ConfidentlyWrong w = evaluation(table).confidentlyWrong(2);
        assertFalse(w.areImages());
        String text = w.toString();
        assertTrue(text.contains("shaped [3], not images"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("#4\\s+3\\s+1\\s+0\\.9500\\s+12\\.00\\s+13\\.00\\s+14\\.00")),
                "example 4's features, class ids as names: " + text);
        assertTrue(w.toMimeBundle().get(MimeBundle.HTML).contains("not images"));
        assertThrows(IllegalStateException.class, w::png);
    }

    @Test
    void anEvaluationWithoutLabelsRefusesTheClassificationViews() {
        Evaluation regression = new Evaluation("regression", 0.25, Double.NaN, 12);
        assertFalse(regression.hasClasses());
        for (Runnable call : List.<Runnable>of(regression::confusion, regression::report, () -> regression.topK(1),
                () -> regression.confidentlyWrong(4), regression::predictions)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertTrue(e.getMessage().contains("has no class labels") && e.getMessage().contains("learner.evaluate("),
                    e.getMessage());
        }
        assertEquals("regression: loss 0.2500 (12 examples)", regression.toString(), "no accuracy to show");
    }

    private static BufferedImage png(String base64) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }
}
