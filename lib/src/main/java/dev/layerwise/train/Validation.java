package dev.layerwise.train;

/**
 * The default {@code "validation"} callback: after each complete epoch, measures loss and accuracy
 * on the data's validation set (its test set when it has none) and adds them to the epoch's record.
 * {@code learner.validate(false)} removes it.
 */
final class Validation implements Callback {
    private Learner learner;

    @Override
    public void fitStarted(Learner l, int epochs, long stepsPlanned) {
        learner = l;
    }

    @Override
    public void measureEpoch(EpochFigures figures) {
        if (figures.complete() && learner.data().hasHeldOut()) {
            figures.test(learner.evaluate(learner.data().heldOut())); // the validation set when there is one
        }
    }
}
