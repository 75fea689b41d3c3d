package dev.layerwise.train;

/**
 * A callback failed. The message names the callback and the event; the cause is what it threw.
 * Training stopped at that point: the weights are those of the last completed step.
 */
public final class CallbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String callback;
    private final Event event;

    CallbackException(String callback, Event event, long step, Throwable cause) {
        super("Callback '" + callback + "' failed at " + event + (step > 0 ? " (step " + step + ")" : "") + ": "
                + cause + ". Training stopped there; fix the callback, or remove it with learner.removeCallback(\""
                + callback + "\").", cause);
        this.callback = callback;
        this.event = event;
    }

    /** @return the name the callback was registered under */
    public String callback() {
        return callback;
    }

    /** @return the event it was handling */
    public Event event() {
        return event;
    }
}
