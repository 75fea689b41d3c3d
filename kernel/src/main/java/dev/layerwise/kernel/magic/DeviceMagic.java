package dev.layerwise.kernel.magic;

import dev.layerwise.Layerwise;
import dev.layerwise.kernel.eval.CellOutcome;

/** {@code %device cpu|gpu|auto}: the device new learners use. */
final class DeviceMagic implements Magic {
    @Override
    public String name() {
        return "device";
    }

    @Override
    public String usage() {
        return "%device [cpu|gpu|auto]";
    }

    @Override
    public String help() {
        return "Shows or sets the default device for new learners; Java: Layerwise.device(String).";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        String before = String.valueOf(Layerwise.device());
        if (args.isBlank()) {
            context.out().println("Device: " + before + "  (Layerwise.device())");
            return CellOutcome.nothing();
        }
        String chosen = String.valueOf(Layerwise.device(args.strip()));
        context.out().println("Device: " + before + " → " + chosen + "  (Layerwise.device(\"" + args.strip() + "\"))");
        return CellOutcome.nothing();
    }
}
