package dev.layerwise.search;

/** How a trial of a search ended. */
public enum TrialState {
    /** The objective returned a score. */
    FINISHED,
    /** Early stopping ended it after a poor intermediate report; its score is its last report. */
    PRUNED,
    /** The objective threw an exception or returned a value that is not a number. */
    FAILED;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
