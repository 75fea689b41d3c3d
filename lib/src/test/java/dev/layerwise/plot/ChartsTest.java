package dev.layerwise.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.train.Charts;
import dev.layerwise.data.Datasets;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.Gradients;
import dev.layerwise.stats.Histogram;
import dev.layerwise.train.EpochRecord;
import dev.layerwise.train.History;
import dev.layerwise.train.Learner;
import dev.layerwise.train.StepRecord;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Every chart renders a real, non-blank PNG and an SVG, with the expected legend. */
@Tag("engine")
class ChartsTest {
    private static final List<String> DENSE = List.of("dense_1", "dense_2", "dense_3", "dense_4");
    private static Learner learner;

    @BeforeAll
    static void train() {
        Net net = Net.input(8).dense(6).sigmoid().dense(6).sigmoid().dense(6).sigmoid().dense(3)
                .init(Init.normal(0, 1));
        learner = Learner.of(net, Datasets.blobs(200, 3, 8, 1.0, 4).batchSize(10))
                .watch(Gradients.perLayer().every(2).activations().histograms(10, 4));
        learner.removeCallback("progress");
        learner.fit(2);
    }

    static void assertRealImage(Chart chart) {
        byte[] png = chart.png();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "PNG magic");
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(chart.width(), image.getWidth());
        int first = image.getRGB(0, 0);
        long other = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                if (image.getRGB(x, y) != first) {
                    other++;
                }
            }
        }
        // a flat line with axes, labels and a few grid lines (one every tick, ticks at 1-2-5 steps) is about 800
        assertTrue(other > 500, "the image has drawing on it, not one colour: " + other + " differing pixels");
        String svg = chart.svg();
        assertTrue(svg.startsWith("<svg"), "an SVG element without an XML declaration, so HTML can embed it");
        MimeBundle bundle = chart.toMimeBundle();
        assertEquals(Base64.getEncoder().encodeToString(png), bundle.get(MimeBundle.PNG));
        assertNotNull(bundle.get(MimeBundle.SVG));
        assertTrue(bundle.text().length() < 300, "text/plain stays short: " + bundle.text());
    }

    @Test
    void gradientNormsHaveOneLinePerLayer() {
        Chart c = Charts.gradientNorms(learner.gradients());
        assertRealImage(c);
        assertEquals(DENSE, c.seriesNames());
        assertTrue(((org.knowm.xchart.XYChart) c.panels().get(0)).getStyler().isYAxisLogarithmic());
    }

    @Test
    void speedOfLearningHasOneBarPerLayer() {
        Chart c = learner.gradients().speedOfLearning().plot();
        assertRealImage(c);
        assertEquals(DENSE, c.seriesNames());
        assertEquals(List.copyOf(c.panels().get(0).getSeriesMap().keySet()), DENSE);
    }

    @Test
    void histogramsAreSmallMultiplesOneLayerEach() {
        for (String kind : List.of(Histogram.GRADIENT, Histogram.WEIGHT)) {
            Chart c = Charts.histograms(learner.gradients(), kind);
            assertRealImage(c);
            assertEquals(DENSE, c.panels().stream().map(p -> p.getTitle()).toList());
            assertTrue(c.seriesNames().contains("step 1"), c.seriesNames().toString());
        }
    }

    @Test
    void saturationHasOneLinePerSigmoid() {
        Chart c = Charts.activationSaturation(learner.gradients());
        assertRealImage(c);
        assertEquals(List.of("sigmoid_1", "sigmoid_2", "sigmoid_3"), c.seriesNames());
    }

    @Test
    void historyShowsLossAndAccuracyWithMarkers() {
        Chart c = Charts.history(learner.history(), List.of(new Marker(16, "rmsprop")));
        assertRealImage(c);
        assertEquals(2, c.panels().size());
        assertEquals(List.of("train (smoothed)", "train epoch", "test epoch"), c.seriesNames());
    }

    @Test
    void learningRateAndPerStepFigures() {
        Chart lr = Charts.learningRate(learner.history(), List.of());
        assertRealImage(lr);
        assertEquals(List.of("learning rate"), lr.seriesNames());
        Chart both = Charts.perStep(learner.history(), "Step time", "ms",
                Map.of("millis", StepRecord::millis), List.of(new Marker(5, "x")));
        assertEquals(List.of("millis"), both.seriesNames());
    }

    @Test
    void lossAndGradientsAndRunsOverlaid() {
        Chart live = Charts.lossAndGradients(learner.history(), learner.gradients(), List.of());
        assertRealImage(live);
        assertEquals(List.of("loss (EMA)", "dense_1 (EMA)", "dense_2 (EMA)", "dense_3 (EMA)", "dense_4 (EMA)",
                "all (global, before clipping) (EMA)"), live.seriesNames(),
                "smoothed by default, the raw lines faint and out of the legend");
        Chart runs = Charts.compareHistories(Map.of("a", learner.history()));
        assertRealImage(runs);
        assertEquals(List.of("a"), runs.seriesNames());
    }

    @Test
    void emptyStatisticsStillDrawAndSaySo() {
        Chart c = Charts.gradientNorms(new GradientLog());
        c.png();
        assertTrue(c.panels().get(0).getTitle().contains("nothing recorded"), c.panels().get(0).getTitle());
    }

    @Test
    void savesByExtension(@TempDir Path dir) throws IOException {
        Chart c = learner.gradients().plot();
        byte[] png = Files.readAllBytes(c.save(dir.resolve("g.png")));
        assertEquals((byte) 0x89, png[0]);
        assertTrue(Files.readString(c.save(dir.resolve("g.svg"))).contains("<svg"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.save(dir.resolve("g.gif")));
        assertTrue(e.getMessage().contains(".png or .svg"));
    }

    @Test
    void historyEpochLossIsTheExampleWeightedMeanOfItsStepsAndItsCsvHasEveryStep() {
        History h = learner.history();
        assertEquals(2, h.epochs().size());
        for (EpochRecord e : h.epochs()) {
            List<StepRecord> steps = h.steps().stream().filter(s -> s.epoch() == e.epoch()).toList();
            long examples = steps.stream().mapToLong(StepRecord::batchSize).sum();
            double lossSum = steps.stream().mapToDouble(s -> s.loss() * s.batchSize()).sum();
            assertEquals(examples, e.examples(), "epoch " + e.epoch() + " counts the examples of its steps");
            assertEquals(lossSum / examples, e.loss(), 1e-12, "epoch " + e.epoch() + " loss");
        }
        List<String> rows = h.toCsv().lines().skip(1).toList();
        assertEquals(h.steps().size(), rows.size(), "one CSV row per step");
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            assertEquals(i + 1, Long.parseLong(cells[0]), "steps numbered from 1 without gaps");
            assertEquals(h.losses()[i], Double.parseDouble(cells[2]), 0.0, "the CSV keeps every digit of step " + (i + 1));
        }
    }
}
