package dev.layerwise.kernel.magic;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.kernel.eval.CellOutcome;

/** {@code %seed N}: the default seed for new learners and datasets, and PyTorch's generator. */
final class SeedMagic implements Magic {
    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String usage() {
        return "%seed N";
    }

    @Override
    public String help() {
        return "Sets the default seed and seeds PyTorch; Java: Layerwise.seed(long).";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        long seed;
        try {
            seed = Long.parseLong(args.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + args + "' is not a whole number");
        }
        long before = Layerwise.seed();
        Layerwise.seed(seed);
        context.out().println("Seed: " + before + " → " + seed + "  (Layerwise.seed(" + seed + "L))");
        return CellOutcome.nothing();
    }
}
