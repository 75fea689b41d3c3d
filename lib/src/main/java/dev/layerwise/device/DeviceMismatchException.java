package dev.layerwise.device;

import ai.djl.Device;

/**
 * Arrays on two devices were mixed, e.g. a batch on the CPU given to a learner whose weights are
 * on the GPU. Raised before any native code runs; the message names both devices and how to move
 * one of them.
 */
public final class DeviceMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what the call, e.g. {@code predict(x)}
     * @param given where the argument is, e.g. {@code cpu()}
     * @param expected where the learner is, e.g. {@code gpu(0)}
     * @param fix how to move one of them
     */
    public DeviceMismatchException(String what, Device given, Device expected, String fix) {
        super(what + ": the input is on " + given + " but the learner is on " + expected
                + "; arrays on two devices cannot be mixed. " + fix);
    }
}
