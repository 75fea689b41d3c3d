package dev.layerwise.display;

/**
 * Where rendered output goes: a notebook kernel or a terminal.
 *
 * <p>The library talks only to this interface; the kernel installs its own implementation with
 * {@link Display#install(DisplaySink)}, and without a kernel {@link TerminalSink} prints text.
 */
public interface DisplaySink {
    /**
     * Shows a bundle as a new output.
     *
     * @param bundle what to show
     * @param displayId the id later updates will use
     */
    void display(MimeBundle bundle, String displayId);

    /**
     * Replaces an output shown earlier under {@code displayId}.
     *
     * @param bundle the new content
     * @param displayId the id given to {@link #display(MimeBundle, String)}
     */
    void update(MimeBundle bundle, String displayId);

    /**
     * Whether outputs can be rich (HTML, images) and updated in place. Terminal sinks answer
     * false; callers then fall back to one-line text, e.g. a carriage-return progress bar.
     *
     * @return true in a notebook front end
     */
    boolean isRich();
}
