package dev.layerwise.display;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object's renderings keyed by MIME type, as Jupyter's {@code display_data} expects.
 *
 * <p>Every bundle carries {@code text/plain}, so a terminal or a plain JShell can always show it;
 * richer forms ({@code text/html}, {@code image/png}, {@code image/svg+xml}) are optional. Binary
 * forms are stored base64-encoded, as the Jupyter wire format wants them.
 */
public final class MimeBundle {
    /** The plain-text MIME type every bundle carries. */
    public static final String TEXT = "text/plain";
    /** HTML, shown by notebook front ends. */
    public static final String HTML = "text/html";
    /** PNG image, base64-encoded. */
    public static final String PNG = "image/png";
    /** SVG image, as XML text. */
    public static final String SVG = "image/svg+xml";

    private final Map<String, String> data;

    private MimeBundle(Map<String, String> data) {
        this.data = Collections.unmodifiableMap(data);
    }

    /**
     * A bundle with only a text form.
     *
     * @param text what a terminal shows
     * @return the bundle
     */
    public static MimeBundle text(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(TEXT, Objects.requireNonNull(text, "text"));
        return new MimeBundle(map);
    }

    /**
     * This bundle plus one more form; a form of the same type is replaced.
     *
     * @param mimeType e.g. {@link #HTML}
     * @param content the content; for binary types, already base64-encoded
     * @return a new bundle
     */
    public MimeBundle with(String mimeType, String content) {
        Map<String, String> map = new LinkedHashMap<>(data);
        map.put(Objects.requireNonNull(mimeType, "mimeType"), Objects.requireNonNull(content, "content"));
        return new MimeBundle(map);
    }

    /**
     * This bundle plus an HTML form.
     *
     * @param html the HTML fragment
     * @return a new bundle
     */
    public MimeBundle withHtml(String html) {
        return with(HTML, html);
    }

    /**
     * This bundle plus a PNG image.
     *
     * @param png the image bytes
     * @return a new bundle
     */
    public MimeBundle withPng(byte[] png) {
        return with(PNG, Base64.getEncoder().encodeToString(png));
    }

    /**
     * This bundle plus an SVG image.
     *
     * @param svg the SVG document
     * @return a new bundle
     */
    public MimeBundle withSvg(String svg) {
        return with(SVG, svg);
    }

    /** @return the plain-text form */
    public String text() {
        return data.get(TEXT);
    }

    /**
     * One form of this bundle.
     *
     * @param mimeType the MIME type
     * @return the content, or {@code null} when the bundle has no such form
     */
    public String get(String mimeType) {
        return data.get(mimeType);
    }

    /** @return every form, in insertion order, unmodifiable */
    public Map<String, String> data() {
        return data;
    }

    @Override
    public String toString() {
        return text();
    }
}
