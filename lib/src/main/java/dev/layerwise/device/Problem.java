package dev.layerwise.device;

/**
 * One reason a GPU cannot be used, and what to do about it.
 *
 * @param reason what is wrong, e.g. {@code no NVIDIA driver: …}
 * @param fix the commands or settings that fix it
 */
public record Problem(String reason, String fix) {
    @Override
    public String toString() {
        return reason + "\n    fix: " + fix;
    }
}
