package dev.layerwise.display;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One MIME type of a value, for {@link Display#render(Object, String)}: the value's own form of that
 * type, a string as the content of a text type, or the bytes of an image. Anything else is refused
 * before it reaches the front end, naming the forms the value does have.
 */
final class MimeForm {
    private static final Pattern MIME_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+");
    /** The first bytes of each image type a {@code byte[]} may be shown as. */
    private static final Map<String, byte[]> SIGNATURES = Map.of(
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'},
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/gif", new byte[] {'G', 'I', 'F', '8'});

    private MimeForm() {}

    static MimeBundle render(Object value, String mimeType) {
        String type = checkType(mimeType);
        if (value instanceof CharSequence && isText(type)) {
            String s = value.toString();
            return type.equals(MimeBundle.TEXT) ? MimeBundle.text(s) : MimeBundle.text(s).with(type, s);
        }
        if (value instanceof byte[] && SIGNATURES.containsKey(type)) {
            byte[] bytes = (byte[]) value;
            checkSignature(bytes, type);
            return MimeBundle.text(type + " image, " + bytes.length + " bytes")
                    .with(type, Base64.getEncoder().encodeToString(bytes));
        }
        MimeBundle full = Display.render(value);
        String form = full.get(type);
        if (form != null) {
            return type.equals(MimeBundle.TEXT) ? MimeBundle.text(form) : MimeBundle.text(full.text()).with(type, form);
        }
        throw new IllegalArgumentException("display(value, \"" + type + "\"): " + describe(value) + " has no " + type
                + " form; it renders as " + String.join(", ", full.data().keySet()) + ". Expected one of those, a String"
                + " for a text type (text/html, text/markdown, text/latex, image/svg+xml), or a byte[] holding a PNG,"
                + " JPEG or GIF image; without a type, display(value) shows every form it has.");
    }

    private static String checkType(String mimeType) {
        if (mimeType == null || mimeType.isBlank()) {
            throw new IllegalArgumentException("display(value, " + (mimeType == null ? "null" : "\"" + mimeType + "\"")
                    + "): no MIME type given; expected type/subtype, e.g. text/html, image/png or text/plain,"
                    + " or display(value) for every form the value has.");
        }
        String type = mimeType.strip().toLowerCase(Locale.ROOT);
        if (!MIME_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("display(value, \"" + mimeType + "\"): \"" + mimeType + "\" is not a MIME"
                    + " type; expected type/subtype, e.g. " + guess(type) + ".");
        }
        return type;
    }

    /** The MIME type a short name probably meant, first in the list of examples. */
    private static String guess(String name) {
        return switch (name) {
            case "png", "jpeg", "gif" -> "image/" + name + ", text/html or text/plain";
            case "jpg" -> "image/jpeg, text/html or text/plain";
            case "svg" -> "image/svg+xml, text/html or text/plain";
            case "html", "markdown", "latex", "plain" -> "text/" + name + ", image/png or text/plain";
            default -> "text/html, image/png or text/plain";
        };
    }

    private static boolean isText(String type) {
        return type.startsWith("text/") || type.equals(MimeBundle.SVG);
    }

    private static void checkSignature(byte[] bytes, String type) {
        byte[] sig = SIGNATURES.get(type);
        boolean matches = bytes.length >= sig.length;
        for (int i = 0; matches && i < sig.length; i++) {
            matches = bytes[i] == sig[i];
        }
        if (!matches) {
            StringBuilder head = new StringBuilder();
            for (int i = 0; i < Math.min(4, bytes.length); i++) {
                head.append(String.format(Locale.ROOT, "%02x ", bytes[i] & 0xFF));
            }
            throw new IllegalArgumentException("display(bytes, \"" + type + "\"): the " + bytes.length + " bytes are not "
                    + type + " data (they start " + (bytes.length == 0 ? "with nothing" : head.toString().strip())
                    + "); expected the whole file's bytes, e.g. Files.readAllBytes(Path.of(\"plot.png\")), under the type"
                    + " that matches them.");
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getTypeName();
    }
}
