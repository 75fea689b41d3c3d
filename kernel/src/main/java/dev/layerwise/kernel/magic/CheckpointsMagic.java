package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;
import dev.layerwise.train.Checkpoints;

/**
 * {@code %checkpoints}: the checkpoints learners wrote (newest first, with time, step and figures),
 * and how to restore the newest after a restart or crash.
 */
final class CheckpointsMagic implements Magic {
    @Override
    public String name() {
        return "checkpoints";
    }

    @Override
    public String usage() {
        return "%checkpoints";
    }

    @Override
    public String help() {
        return "Lists the saved checkpoints; Java: Checkpoints.list(), Checkpoints.restoreNewest(data).";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        if (!args.isBlank()) {
            throw new IllegalArgumentException("%checkpoints takes no arguments; got '" + args.strip() + "'");
        }
        Checkpoints all = Checkpoints.list();
        context.out().println(all);
        if (!all.entries().isEmpty()) {
            context.out().println("Restore the newest: var learner = Checkpoints.restoreNewest(data);"
                    + "  or one of them: Learner.load(Path.of(\"…\"), data)");
        }
        return CellOutcome.nothing();
    }
}
