package dev.layerwise.display;

import java.io.PrintStream;

/** The sink used when no kernel is attached: prints the text form of each output. */
public final class TerminalSink implements DisplaySink {
    private final PrintStream out;

    /** A sink printing to {@code System.out} as it is at print time. */
    public TerminalSink() {
        this(null);
    }

    /**
     * A sink printing to a fixed stream.
     *
     * @param out the stream, or {@code null} for whatever {@code System.out} is at print time
     */
    public TerminalSink(PrintStream out) {
        this.out = out;
    }

    private PrintStream out() {
        return out != null ? out : System.out;
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        out().println(bundle.text());
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        out().println(bundle.text());
    }

    @Override
    public boolean isRich() {
        return false;
    }
}
