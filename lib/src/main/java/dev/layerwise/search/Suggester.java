package dev.layerwise.search;

import java.util.List;
import java.util.Random;

/** Proposes the next trial's values from the trials so far: random or Bayesian search. */
interface Suggester {
    /**
     * The next values to try.
     *
     * @param space the search space
     * @param history the trials so far, in order
     * @param maximize whether higher scores are better
     * @param random the search's seeded source of randomness; the only one used
     * @return the values
     */
    Params suggest(SearchSpace space, List<TrialRecord> history, boolean maximize, Random random);

    /** @return a short name for tables, e.g. {@code random} */
    String name();

    /** Random search: each hyperparameter drawn independently (Bergstra and Bengio 2012). */
    Suggester RANDOM = new Suggester() {
        @Override
        public Params suggest(SearchSpace space, List<TrialRecord> history, boolean maximize, Random random) {
            return space.sample(random);
        }

        @Override
        public String name() {
            return "random";
        }
    };
}
