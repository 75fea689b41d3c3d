package dev.layerwise.train;

/** A registered callback; {@link #remove()} takes it off its learner. */
public interface Registration {
    /** @return the name it was registered under */
    String name();

    /** Removes the callback; removing twice does nothing. */
    void remove();
}
