package dev.layerwise.kernel.magic;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.kernel.eval.CellOutcome;

/** {@code %threads [N]}: how many threads PyTorch uses inside one operation. */
final class ThreadsMagic implements Magic {
    @Override
    public String name() {
        return "threads";
    }

    @Override
    public String usage() {
        return "%threads [N]";
    }

    @Override
    public String help() {
        return "Shows or sets PyTorch's intra-op thread count, the most a fit uses; Java: Layerwise.threads(int).";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        int before = Layerwise.threads();
        if (args.isBlank()) {
            context.out().println("PyTorch threads: " + before + "  (Layerwise.threads())");
            context.out().println(Layerwise.adaptsThreads()
                    ? "While other programs keep cores busy, fit uses fewer; Layerwise.adaptThreads(false) keeps the count."
                    : "Fits keep this count whatever else runs (Layerwise.adaptThreads(true) lets them give threads up).");
            return CellOutcome.nothing();
        }
        int n;
        try {
            n = Integer.parseInt(args.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + args + "' is not a whole number");
        }
        Layerwise.threads(n);
        context.out().println("PyTorch threads: " + before + " → " + Layerwise.threads() + "  (Layerwise.threads(" + n + "))");
        return CellOutcome.nothing();
    }
}
