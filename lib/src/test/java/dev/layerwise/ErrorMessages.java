package dev.layerwise;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks on the text of the errors users see. */
public final class ErrorMessages {
    private ErrorMessages() {}

    /**
     * Asserts that an error's message contains every part, naming the missing part and the whole message.
     *
     * @param e the error
     * @param parts what it must say
     */
    public static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }
}
