package dev.layerwise.search;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

import java.util.Arrays;

/**
 * Gaussian-process regression on the unit hypercube (Rasmussen and Williams 2006, algorithm 2.1)
 * with a Matérn 5/2 kernel, the default of Snoek, Larochelle and Adams (2012). Scores are
 * standardized to mean 0 and variance 1, so the signal variance is 1; the length scales and the
 * noise are chosen by maximizing the log marginal likelihood: a grid over one shared length scale
 * and the noise, then one pass of coordinate ascent over each dimension's own length scale
 * (automatic relevance determination). The linear algebra is Hipparchus's Cholesky decomposition.
 */
final class GaussianProcess {
    private static final double[] LENGTH_SCALES = {0.04, 0.07, 0.12, 0.2, 0.3, 0.5, 0.8, 1.3, 2.0, 4.0};
    private static final double[] NOISES = {1e-6, 1e-4, 1e-3, 1e-2, 0.05, 0.2};
    private static final double SQRT5 = Math.sqrt(5);

    private final double[][] x;
    private final double[] lengthScales;
    private final double noise;
    private final double[] alpha;
    private final double[][] kInverse;
    private final double yMean;
    private final double yStd;
    private final double logLikelihood;

    private GaussianProcess(double[][] x, double[] lengthScales, double noise, Fit fit, double yMean, double yStd) {
        this.x = x;
        this.lengthScales = lengthScales;
        this.noise = noise;
        this.alpha = fit.alpha;
        this.kInverse = fit.solver.getInverse().getData();
        this.yMean = yMean;
        this.yStd = yStd;
        this.logLikelihood = fit.logLikelihood;
    }

    /**
     * Fits the process to observations, choosing its hyperparameters by marginal likelihood.
     *
     * @param x points of the unit hypercube, at least one
     * @param y the value at each point
     * @return the fitted process
     */
    static GaussianProcess fit(double[][] x, double[] y) {
        int d = x[0].length;
        double mean = Arrays.stream(y).average().orElse(0);
        double var = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length;
        double std = var > 1e-24 ? Math.sqrt(var) : 1;
        double[] z = Arrays.stream(y).map(v -> (v - mean) / std).toArray();
        double[] bestScales = null;
        double bestNoise = 0;
        Fit best = null;
        for (double l : LENGTH_SCALES) {
            for (double noise : NOISES) {
                double[] scales = new double[d];
                Arrays.fill(scales, l);
                Fit f = Fit.of(x, z, scales, noise);
                if (f != null && (best == null || f.logLikelihood > best.logLikelihood)) {
                    best = f;
                    bestScales = scales;
                    bestNoise = noise;
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("The Gaussian process could not be fitted to " + y.length
                    + " observations at any length scale and noise level; the scores may contain NaN.");
        }
        for (int k = 0; k < d && d > 1; k++) {
            for (double l : LENGTH_SCALES) {
                double[] scales = bestScales.clone();
                scales[k] = l;
                Fit f = Fit.of(x, z, scales, bestNoise);
                if (f != null && f.logLikelihood > best.logLikelihood) {
                    best = f;
                    bestScales = scales;
                }
            }
        }
        return new GaussianProcess(x, bestScales, bestNoise, best, mean, std);
    }

    /**
     * The posterior at a point, in standardized units (mean 0, standard deviation 1 over the data).
     *
     * @param point a point of the unit hypercube
     * @param out receives {mean, standard deviation}
     */
    void predictStandardized(double[] point, double[] out) {
        int n = x.length;
        double[] k = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            k[i] = kernel(point, x[i], lengthScales);
            mean += k[i] * alpha[i];
        }
        double quad = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            double[] inv = kInverse[i];
            for (int j = 0; j < n; j++) {
                row += inv[j] * k[j];
            }
            quad += k[i] * row;
        }
        out[0] = mean;
        out[1] = Math.sqrt(Math.max(1e-12, 1 - quad));
    }

    /**
     * The posterior mean and standard deviation at a point, in the observations' units.
     *
     * @param point a point of the unit hypercube
     * @return {mean, standard deviation}
     */
    double[] predict(double[] point) {
        double[] out = new double[2];
        predictStandardized(point, out);
        return new double[] {yMean + yStd * out[0], yStd * out[1]};
    }

    /**
     * Converts a value into standardized units.
     *
     * @param y a value in the observations' units
     * @return the same value standardized
     */
    double standardize(double y) {
        return (y - yMean) / yStd;
    }

    double[] lengthScales() {
        return lengthScales.clone();
    }

    double noise() {
        return noise;
    }

    double logLikelihood() {
        return logLikelihood;
    }

    static double kernel(double[] a, double[] b, double[] scales) {
        double r2 = 0;
        for (int i = 0; i < a.length; i++) {
            double t = (a[i] - b[i]) / scales[i];
            r2 += t * t;
        }
        double r = Math.sqrt(r2);
        return (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
    }

    /** One candidate setting's decomposition and log marginal likelihood. */
    private static final class Fit {
        final DecompositionSolver solver;
        final double[] alpha;
        final double logLikelihood;

        private Fit(DecompositionSolver solver, double[] alpha, double logLikelihood) {
            this.solver = solver;
            this.alpha = alpha;
            this.logLikelihood = logLikelihood;
        }

        /** @return the fit, or null when the covariance is not numerically positive definite */
        static Fit of(double[][] x, double[] z, double[] scales, double noise) {
            int n = x.length;
            double[][] k = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = kernel(x[i], x[j], scales);
                    k[i][j] = v;
                    k[j][i] = v;
                }
                k[i][i] += noise + 1e-9;
            }
            try {
                CholeskyDecomposition chol = new CholeskyDecomposition(MatrixUtils.createRealMatrix(k));
                DecompositionSolver solver = chol.getSolver();
                RealVector alpha = solver.solve(MatrixUtils.createRealVector(z));
                RealMatrix l = chol.getL();
                double logDet = 0;
                for (int i = 0; i < n; i++) {
                    logDet += Math.log(l.getEntry(i, i));
                }
                double fitTerm = alpha.dotProduct(MatrixUtils.createRealVector(z));
                double ll = -0.5 * fitTerm - logDet - 0.5 * n * Math.log(2 * Math.PI);
                return Double.isFinite(ll) ? new Fit(solver, alpha.toArray(), ll) : null;
            } catch (RuntimeException notPositiveDefinite) {
                return null;
            }
        }
    }
}
