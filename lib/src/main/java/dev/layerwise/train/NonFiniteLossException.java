package dev.layerwise.train;

/**
 * Training produced a NaN or infinite loss. Raised before the optimizer step, so the weights are
 * those from before the bad step and training can resume with a smaller learning rate.
 */
public final class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final long step;
    private final double loss;

    NonFiniteLossException(long step, int epoch, double loss, String optimizer) {
        super("Loss became " + loss + " at step " + step + " (epoch " + epoch + "). Training stopped before"
                + " that step's update, so the weights are those of step " + (step - 1) + ". Likely fixes:"
                + " a smaller learning rate than " + optimizer + ", inputs scaled to [0, 1], or batchNorm().");
        this.step = step;
        this.loss = loss;
    }

    /** @return the step whose loss was not finite */
    public long step() {
        return step;
    }

    /** @return the loss value, NaN or infinite */
    public double loss() {
        return loss;
    }
}
