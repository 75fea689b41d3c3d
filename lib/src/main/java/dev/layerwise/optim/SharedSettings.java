package dev.layerwise.optim;

/**
 * The settings every update rule has, in one value so that a rule's copy-with-changes needs one
 * method: the learning rate, weight decay and the parameters it skips, and both kinds of clipping.
 *
 * @param learningRate the rate over the optimizer's steps
 * @param weightDecay λ, 0 for none
 * @param clip the element-wise clipping bound, 0 for none
 * @param clipGradNorm the largest global gradient norm, 0 for none
 * @param noDecay the parameters weight decay skips
 */
record SharedSettings(Schedule learningRate, double weightDecay, double clip, double clipGradNorm,
        DecayExemptions noDecay) {

    /** A rate and nothing else. */
    static SharedSettings of(Schedule learningRate) {
        return new SharedSettings(learningRate, 0, 0, 0, DecayExemptions.NONE);
    }

    SharedSettings withRate(Schedule lr) {
        return new SharedSettings(lr, weightDecay, clip, clipGradNorm, noDecay);
    }

    SharedSettings withDecay(double lambda) {
        return new SharedSettings(learningRate, lambda, clip, clipGradNorm, noDecay);
    }

    SharedSettings withClip(double bound) {
        return new SharedSettings(learningRate, weightDecay, bound, clipGradNorm, noDecay);
    }

    SharedSettings withClipGradNorm(double maxNorm) {
        return new SharedSettings(learningRate, weightDecay, clip, maxNorm, noDecay);
    }

    SharedSettings withNoDecay(DecayExemptions exemptions) {
        return new SharedSettings(learningRate, weightDecay, clip, clipGradNorm, exemptions);
    }
}
