package dev.layerwise.search;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class BayesianSearchTest {
    static final double BRANIN_MIN = 0.397887;
    static final SearchSpace BRANIN_SPACE = SearchSpace.empty().uniform("x1", -5, 10).uniform("x2", 0, 15);

    /** Branin–Hoo: three global minima of 0.397887 on x1 ∈ [-5, 10], x2 ∈ [0, 15]. */
    static double branin(Params p) {
        double x1 = p.d("x1");
        double x2 = p.d("x2");
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    static double bestOn(Search search, long seed) {
        return search.trials(25).seed(seed).minimize().verbose(false).run(t -> branin(t.params())).best().score();
    }

    @Test
    void braninIsMinimalAtItsKnownMinima() {
        Params at = Params.of(java.util.Map.of("x1", Math.PI, "x2", 2.275));
        assertEquals(BRANIN_MIN, branin(at), 1e-5);
    }

    @Test
    void bayesianOptimizationBeatsRandomSearchOnBraninOverTenSeeds() {
        double[] random = IntStream.range(0, 10).mapToDouble(s -> bestOn(Search.random(BRANIN_SPACE), s)).toArray();
        double[] bayes = IntStream.range(0, 10).mapToDouble(s -> bestOn(Search.bayesian(BRANIN_SPACE), s)).toArray();
        double meanRandom = java.util.Arrays.stream(random).average().orElseThrow();
        double meanBayes = java.util.Arrays.stream(bayes).average().orElseThrow();
        System.out.printf("Branin, 25 trials, 10 seeds: mean best random %.4f, Bayesian %.4f (minimum %.6f)%n",
                meanRandom, meanBayes, BRANIN_MIN);
        assertTrue(meanBayes < meanRandom, "Bayesian " + meanBayes + " should beat random " + meanRandom);
        assertTrue(meanBayes - BRANIN_MIN < 0.5 * (meanRandom - BRANIN_MIN),
                "Bayesian should at least halve random search's gap to the minimum: " + meanBayes + " vs " + meanRandom);
    }

    @Test
    void theSameSeedProposesTheSameSettings() {
        List<Params> first = Search.bayesian(BRANIN_SPACE).trials(10).seed(7).minimize().verbose(false)
                .run(t -> branin(t.params())).trials().stream().map(TrialRecord::params).toList();
        List<Params> again = Search.bayesian(BRANIN_SPACE).trials(10).seed(7).minimize().verbose(false)
                .run(t -> branin(t.params())).trials().stream().map(TrialRecord::params).toList();
        List<Params> other = Search.bayesian(BRANIN_SPACE).trials(10).seed(8).minimize().verbose(false)
                .run(t -> branin(t.params())).trials().stream().map(TrialRecord::params).toList();
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void gaussianProcessInterpolatesItsObservationsAndIsUnsureFarFromThem() {
        double[][] x = {{0.1}, {0.3}, {0.5}, {0.7}};
        double[] y = {Math.sin(1), Math.sin(3), Math.sin(5), Math.sin(7)};
        GaussianProcess gp = GaussianProcess.fit(x, y);
        for (int i = 0; i < x.length; i++) {
            double[] p = gp.predict(x[i]);
            assertEquals(y[i], p[0], 0.05, "mean at an observation");
        }
        assertTrue(gp.predict(new double[] {1.0})[1] > 3 * gp.predict(new double[] {0.3})[1],
                "the posterior is wider far from the data");
    }

    @Test
    void expectedImprovementGrowsWithMeanAndWithUncertainty() {
        double low = ExpectedImprovement.expectedImprovement(0, 0.1, 1);
        assertTrue(ExpectedImprovement.expectedImprovement(0.9, 0.1, 1) > low);
        assertTrue(ExpectedImprovement.expectedImprovement(0, 1, 1) > low);
    }
}
