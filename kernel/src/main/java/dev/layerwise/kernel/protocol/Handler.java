package dev.layerwise.kernel.protocol;

/** Answers one request type on the shell or control channel. */
@FunctionalInterface
public interface Handler {
    /**
     * Handles a request; busy/idle status around it is published by the caller.
     *
     * @param request the request with its reply channel
     * @throws Exception any failure; the caller replies with {@code status: error} and logs it
     */
    void handle(Request request) throws Exception;
}
