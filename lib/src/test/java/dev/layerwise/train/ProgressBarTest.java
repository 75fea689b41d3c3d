package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The progress bar's text reads epoch, bar, steps, loss, accuracy, throughput and time. */
@Tag("engine")
class ProgressBarTest {

    @Test
    void textShowsEpochStepsLossAccuracyRateAndTime() {
        Learner l = Learner.of(Net.input(8).dense(3), Datasets.blobs(200, 3, 8, 1.0, 4).batchSize(10));
        ProgressBar bar = new ProgressBar();
        l.callback("progress", bar);
        l.fit(1);
        String text = bar.text();
        assertTrue(text.matches("epoch 1/1 \\[=+\\] 16/16 · loss \\d+\\.\\d{4} · acc \\d+\\.\\d% · [\\d,]+ samples/s · ETA \\d+s"),
                text);
    }
}
