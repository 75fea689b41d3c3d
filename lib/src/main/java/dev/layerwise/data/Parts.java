package dev.layerwise.data;

import java.util.function.UnaryOperator;

/**
 * A data set's example sets as given (training, validation, test) and as used: with a scaling, the
 * statistics are fitted on the given training set only and every set is scaled with them.
 * Package-private; immutable, so data sets that differ only in batch size or seed share one.
 */
final class Parts {
    final Examples rawTrain;
    final Examples rawValidation;
    final Examples rawTest;
    final Scaling scaling;
    final boolean[] keep;
    final FeatureScaler scaler;
    final Examples train;
    final Examples validation;
    final Examples test;

    private Parts(Examples rawTrain, Examples rawValidation, Examples rawTest, Scaling scaling, boolean[] keep) {
        this.rawTrain = rawTrain;
        this.rawValidation = rawValidation;
        this.rawTest = rawTest;
        this.scaling = scaling;
        this.keep = keep;
        this.scaler = scaling == null ? null : FeatureScaler.fit(scaling, rawTrain, keep);
        this.train = scaled(rawTrain);
        this.validation = scaled(rawValidation);
        this.test = scaled(rawTest);
    }

    /** Unscaled sets. */
    static Parts of(Examples train, Examples validation, Examples test) {
        return new Parts(train, validation, test, null, null);
    }

    private Examples scaled(Examples raw) {
        return raw == null || scaler == null ? raw : scaler.apply(raw);
    }

    /** Other sets, the same scaling (fitted again on the new training set). */
    Parts sets(Examples newTrain, Examples newValidation, Examples newTest) {
        return new Parts(newTrain, newValidation, newTest, scaling, keep);
    }

    /** The same sets, another scaling (null for none); {@code keepMask} marks one-hot features. */
    Parts scaling(Scaling newScaling, boolean[] keepMask) {
        return new Parts(rawTrain, rawValidation, rawTest, newScaling, keepMask);
    }

    /** Every set through the same change, e.g. a reshape. */
    Parts map(UnaryOperator<Examples> change) {
        return sets(change.apply(rawTrain), rawValidation == null ? null : change.apply(rawValidation),
                rawTest == null ? null : change.apply(rawTest));
    }
}
