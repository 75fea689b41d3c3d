package dev.layerwise.train;

/**
 * The default {@code "history"} callback: adds each step's and epoch's record to the part of the
 * history {@code fit} returns, and that part to the learner's whole history when {@code fit} ends.
 * Without it, {@code fit} records nothing and reads no loss back.
 */
final class HistoryRecorder implements Callback {
    @Override
    public void on(Event event, TrainingContext ctx) {
        switch (event) {
            case STEP_END -> ctx.history().add(ctx.stepRecord());
            case EPOCH_END -> ctx.history().add(ctx.epochRecord());
            case FIT_END -> ctx.learner().history().addAll(ctx.history());
            default -> { }
        }
    }
}
