package dev.layerwise.train;

import java.util.function.Consumer;

/** A lambda registered with {@link Learner#on(Event, Consumer)}: runs at one event only. */
final class EventHandler implements Callback {
    private final Event event;
    private final Consumer<TrainingContext> action;

    EventHandler(Event event, Consumer<TrainingContext> action) {
        this.event = event;
        this.action = action;
    }

    @Override
    public void on(Event now, TrainingContext ctx) {
        if (now == event) {
            action.accept(ctx);
        }
    }

    @Override
    public String toString() {
        return "on(" + event + ")";
    }
}
