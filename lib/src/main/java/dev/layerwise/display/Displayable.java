package dev.layerwise.display;

/**
 * An object that knows how to show itself in a notebook.
 *
 * <p>When a cell's last value implements this, the kernel sends its bundle as the cell's result;
 * {@link Display#show(Object)} does the same on demand. Implementations keep {@code toString()}
 * equal to the bundle's text form so that plain JShell shows the same thing.
 */
public interface Displayable {
    /** @return this object's renderings; always with a {@code text/plain} form */
    MimeBundle toMimeBundle();
}
