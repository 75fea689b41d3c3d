package dev.layerwise.train;

/**
 * The default {@code "nan-guard"} callback: a NaN or infinite batch loss stops training before that
 * step's update, with its gradients cleared, so the weights stay those of the step before. It
 * reads each step's loss (one value), which the history records anyway.
 */
final class NonFiniteLossGuard implements Callback {
    @Override
    public void afterBackward(StepContext step) {
        double loss = step.loss();
        if (!Double.isFinite(loss)) {
            UpdateRule.discardGradients(step.parameters());
            throw new NonFiniteLossException(step.step(), step.epoch(), loss, step.learner().optimizer().describe());
        }
    }
}
