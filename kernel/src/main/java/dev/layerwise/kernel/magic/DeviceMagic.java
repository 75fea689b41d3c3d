package dev.layerwise.kernel.magic;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.kernel.eval.CellOutcome;
import dev.layerwise.kernel.eval.NameArguments;

import java.util.List;

/**
 * {@code %device [cpu|gpu|gpu:N|auto]}: without an argument, the device report (engine, natives and
 * where they came from, CUDA version, GPUs with memory, and why no GPU is usable); with one, the
 * device new learners use. Asking for a GPU that is not usable fails with the reasons and fixes
 * and changes nothing.
 */
final class DeviceMagic implements Magic {
    @Override
    public String name() {
        return "device";
    }

    @Override
    public String usage() {
        return "%device [cpu|gpu|gpu:N|auto]";
    }

    @Override
    public String help() {
        return "Shows the device report or sets the default device for new learners;"
                + " Java: Layerwise.deviceReport(), Layerwise.device(String).";
    }

    @Override
    public List<String> arguments(MagicContext context) {
        return NameArguments.DEVICES;
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        String before = String.valueOf(Layerwise.device());
        if (args.isBlank()) {
            context.out().println("Device: " + before + " (" + Layerwise.deviceNote() + ")  (Layerwise.device())");
            context.out().println(Layerwise.deviceReport());
            return CellOutcome.nothing();
        }
        String chosen = String.valueOf(Layerwise.device(args.strip()));
        context.out().println("Device: " + before + " → " + chosen + "  (Layerwise.device(\"" + args.strip() + "\"))"
                + (Layerwise.deviceNote().startsWith("auto") ? " — " + Layerwise.deviceNote() : ""));
        context.out().println("New learners use " + chosen + "; existing ones stay where they are (learner.device(\""
                + args.strip() + "\") moves one).");
        return CellOutcome.nothing();
    }
}
