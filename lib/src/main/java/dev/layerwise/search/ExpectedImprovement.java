package dev.layerwise.search;

import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Bayesian optimization's proposal step (Snoek, Larochelle and Adams 2012): fit a Gaussian process
 * to the trials so far and propose the point of largest expected improvement over the best score,
 * EI(x) = (μ − f* − ξ)·Φ(z) + σ·φ(z) with z = (μ − f* − ξ)/σ (Jones, Schonlau and Welch 1998).
 * EI is maximized over uniform random candidates plus Gaussian perturbations of the best points.
 * The first {@code initialRandom} trials are drawn at random. Failed and pruned trials count as the
 * worst score seen, so the search learns to avoid where they happen.
 */
final class ExpectedImprovement implements Suggester {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);
    private static final double XI = 0.01;
    private static final int UNIFORM_CANDIDATES = 2000;
    private static final int LOCAL_CENTRES = 3;
    private static final int LOCAL_PER_CENTRE = 300;
    private static final double[] LOCAL_SPREADS = {0.01, 0.03, 0.1};

    private final int initialRandom;

    ExpectedImprovement(int initialRandom) {
        this.initialRandom = initialRandom;
    }

    @Override
    public String name() {
        return "bayesian";
    }

    @Override
    public Params suggest(SearchSpace space, List<TrialRecord> history, boolean maximize, Random random) {
        double sign = maximize ? 1 : -1;
        double worst = history.stream().filter(TrialRecord::finished).mapToDouble(t -> sign * t.score()).min()
                .orElse(Double.NaN);
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (TrialRecord t : history) {
            double y = t.finished() ? sign * t.score() : worst;
            if (Double.isFinite(y)) {
                xs.add(space.toUnit(t.params()));
                ys.add(y);
            }
        }
        if (history.size() < initialRandom || xs.size() < 2) {
            return space.sample(random);
        }
        GaussianProcess gp = GaussianProcess.fit(xs.toArray(double[][]::new),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
        double best = gp.standardize(ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        int d = space.dimension();
        double[] bestPoint = null;
        double bestEi = Double.NEGATIVE_INFINITY;
        double[] prediction = new double[2];
        for (double[] candidate : candidates(xs, ys, d, random)) {
            gp.predictStandardized(candidate, prediction);
            double ei = expectedImprovement(prediction[0], prediction[1], best);
            if (ei > bestEi) {
                bestEi = ei;
                bestPoint = candidate;
            }
        }
        return space.fromUnit(bestPoint);
    }

    static double expectedImprovement(double mean, double sd, double best) {
        double gain = mean - best - XI;
        double z = gain / sd;
        return gain * STANDARD_NORMAL.cumulativeProbability(z) + sd * STANDARD_NORMAL.density(z);
    }

    private static List<double[]> candidates(List<double[]> xs, List<Double> ys, int d, Random random) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < UNIFORM_CANDIDATES; i++) {
            double[] c = new double[d];
            for (int k = 0; k < d; k++) {
                c[k] = random.nextDouble();
            }
            out.add(c);
        }
        int[] order = IntStream.range(0, ys.size()).boxed().sorted(Comparator.comparingDouble(i -> -ys.get(i)))
                .mapToInt(Integer::intValue).limit(LOCAL_CENTRES).toArray();
        for (int centre : order) {
            double[] x = xs.get(centre);
            for (int i = 0; i < LOCAL_PER_CENTRE; i++) {
                double spread = LOCAL_SPREADS[i % LOCAL_SPREADS.length];
                double[] c = new double[d];
                for (int k = 0; k < d; k++) {
                    c[k] = Math.min(1, Math.max(0, x[k] + spread * random.nextGaussian()));
                }
                out.add(c);
            }
        }
        return out;
    }
}
