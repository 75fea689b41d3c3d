package dev.layerwise.display;

/**
 * A shown output that can be replaced in place, like a live chart or a progress bar.
 *
 * <p>In a notebook, {@link #update(Object)} sends {@code update_display_data} for the same display
 * id, so the output changes where it is instead of appending a new one.
 */
public interface DisplayHandle {
    /** @return the display id that ties updates to the original output */
    String id();

    /**
     * Replaces the shown output with a rendering of {@code value}.
     *
     * @param value anything {@link Display#render(Object)} accepts
     */
    void update(Object value);
}
