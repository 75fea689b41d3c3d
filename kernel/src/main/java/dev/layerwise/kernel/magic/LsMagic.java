package dev.layerwise.kernel.magic;

import dev.layerwise.kernel.eval.CellOutcome;

/** {@code %lsmagic}: lists every magic with its usage and the Java call behind it. */
final class LsMagic implements Magic {
    @Override
    public String name() {
        return "lsmagic";
    }

    @Override
    public String usage() {
        return "%lsmagic";
    }

    @Override
    public String help() {
        return "Lists the magics. Line magics start a line with %name; %%time as a cell's first line times the cell.";
    }

    @Override
    public CellOutcome run(String args, MagicContext context) {
        StringBuilder sb = new StringBuilder("Magics (a line starting with %name; %%time on a cell's first line):\n");
        for (Magic m : context.magics().all()) {
            sb.append(String.format("  %-34s %s%n", m.usage(), m.help()));
        }
        context.out().print(sb);
        return CellOutcome.nothing();
    }
}
