package dev.layerwise.train;

import ai.djl.pytorch.jni.JniUtils;

/** Turns off autograd on this thread while open, for evaluation and prediction. */
final class NoGrad implements AutoCloseable {
    private final boolean previous = JniUtils.isGradMode();

    NoGrad() {
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
