package dev.layerwise.train;

import dev.layerwise.display.Display;
import dev.layerwise.nn.Net;

import java.util.List;

/** The rows of {@link BadInputTableTest} for showing values in one MIME type ({@code display(x, mime)}). */
final class DisplayRows {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;

    private DisplayRows() {}

    private static BadInputRows.Row row(String bad, String fix, BadInputRows.Call call, String... words) {
        return new BadInputRows.Row("Display.display", bad, IAE, fix, List.of(words), null, call, null);
    }

    static List<BadInputRows.Row> all() {
        return List.of(
                row("a MIME type the value has no form of", "Ask for a form the message lists, or pass a String"
                        + " (text types) or an image's bytes.", l -> Display.display(Net.input(2).dense(3), "image/png"),
                        "dev.layerwise.nn.Net has no image/png form", "text/plain, text/html"),
                row("bytes that are not the named image type", "Pass the whole file's bytes under the type that"
                        + " matches them.", l -> Display.display(new byte[] {'G', 'I', 'F', '8'}, "image/png"),
                        "are not image/png data", "Files.readAllBytes"),
                row("\"png\" instead of a MIME type", "Write type/subtype, e.g. image/png.",
                        l -> Display.display(new byte[0], "png"), "is not a MIME type", "image/png"));
    }
}
