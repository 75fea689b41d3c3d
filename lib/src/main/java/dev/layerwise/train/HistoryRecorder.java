package dev.layerwise.train;

/**
 * The default {@code "history"} callback: adds each step's and epoch's record to the learner's
 * whole history as it happens (so a checkpoint written mid-{@code fit} holds it) and to the part
 * {@code fit} returns. Without it, {@code fit} records nothing and reads no loss back.
 */
final class HistoryRecorder implements Callback {
    @Override
    public void on(Event event, TrainingContext ctx) {
        if (event == Event.STEP_END) {
            ctx.history().add(ctx.stepRecord());
            ctx.learner().history().add(ctx.stepRecord());
        } else if (event == Event.EPOCH_END) {
            ctx.history().add(ctx.epochRecord());
            ctx.learner().history().add(ctx.epochRecord());
        }
    }
}
