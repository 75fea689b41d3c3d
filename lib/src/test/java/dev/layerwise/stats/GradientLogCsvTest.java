package dev.layerwise.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** A gradient log survives CSV export and import unchanged, and two logs compare in one call. */
@Tag("unit")
class GradientLogCsvTest {

    private static GradientLog sample() {
        GradientLog log = new GradientLog();
        log.add(new GradientLog.Row(1, 1, "dense_1", "weight", GradientLog.NORM, 0.123456789012345));
        log.add(new GradientLog.Row(1, 1, "dense_1", "bias", GradientLog.NORM, 1e-12));
        log.add(new GradientLog.Row(11, 2, "odd, \"name\"", "bias", GradientLog.NORM, Double.NaN));
        log.add(new GradientLog.Row(11, 2, "sigmoid_1", GradientLog.ACTIVATION, GradientLog.SATURATED, 0.25));
        return log;
    }

    @Test
    void csvRoundTripKeepsEveryRowExactly(@TempDir Path dir) throws IOException {
        GradientLog log = sample();
        Path file = log.saveCsv(dir.resolve("log.csv"));
        GradientLog back = GradientLog.loadCsv(file);
        assertEquals(log.rows(), back.rows());
        assertEquals(log.toCsv(), back.toCsv());
    }

    @Test
    void readingSomethingElseSaysWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientLog.fromCsv("step,epoch,loss\n1,1,0.5\n"));
        assertTrue(e.getMessage().contains("step,epoch,layer,parameter,metric,value"), e.getMessage());
        IllegalArgumentException short_ = assertThrows(IllegalArgumentException.class,
                () -> GradientLog.fromCsv("step,epoch,layer,parameter,metric,value\n1,1,dense_1,weight\n"));
        assertTrue(short_.getMessage().contains("line 2 has 4 fields"), short_.getMessage());
    }

    @Test
    void comparingTwoRunsGivesEachRunsMeanPerLayer() {
        GradientLog a = new GradientLog();
        GradientLog b = new GradientLog();
        for (int s = 1; s <= 3; s++) {
            a.add(new GradientLog.Row(s, 1, "dense_1", "weight", GradientLog.NORM, s));
            b.add(new GradientLog.Row(s, 1, "dense_1", "weight", GradientLog.NORM, 10 * s));
        }
        LogComparison c = GradientLog.compare("sgd", a, "rmsprop", b);
        assertEquals(2.0, c.mean("sgd", "dense_1", "weight", GradientLog.NORM), 1e-12);
        assertEquals(20.0, c.mean("rmsprop", "dense_1", "weight", GradientLog.NORM), 1e-12);
        assertTrue(c.toString().contains("sgd") && c.toString().contains("rmsprop"), c.toString());
        assertEquals(java.util.List.of("sgd · dense_1", "rmsprop · dense_1"), c.plot().seriesNames());
    }
}
