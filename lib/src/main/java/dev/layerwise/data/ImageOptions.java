package dev.layerwise.data;

import java.util.Locale;

/**
 * How {@link Datasets#imageFolder(java.nio.file.Path, ImageOptions)} turns image files into samples:
 * their size, their color channels and the range of pixel values; e.g.
 * {@code ImageOptions.defaults().resize(32, 32).rgb()}.
 *
 * <p>Defaults: every image must already have the size of the first one (a differently sized image
 * is an error that names it, with {@link #resize(int, int)} as the fix); color images give three
 * channels and a folder of grayscale images one; pixel values 0 … 255 become 0 … 1. Samples are
 * channels first, {@code [c, h, w]}, as conv layers expect. Resizing filters with a triangle
 * (bilinear) kernel widened when shrinking, so a downscaled image is smoothed rather than aliased
 * (as PIL and torchvision's {@code antialias=True} do). Grayscale from color uses the ITU-R 601 luma
 * weights 0.299 R + 0.587 G + 0.114 B (PIL's {@code convert("L")}).
 */
public final class ImageOptions {
    /** Which channels the samples get. */
    enum Color { AUTO, GRAY, RGB }

    private final int height;
    private final int width;
    private final Color color;
    private final float low;
    private final float high;

    private ImageOptions(int height, int width, Color color, float low, float high) {
        this.height = height;
        this.width = width;
        this.color = color;
        this.low = low;
        this.high = high;
    }

    /** @return the images' own size, channels as the images have them, pixels in [0, 1] */
    public static ImageOptions defaults() {
        return new ImageOptions(0, 0, Color.AUTO, 0f, 1f);
    }

    /**
     * Resizes every image to this size (stretching when the aspect ratio differs).
     *
     * @param newHeight pixels, at least 1
     * @param newWidth pixels, at least 1
     * @return new options
     */
    public ImageOptions resize(int newHeight, int newWidth) {
        if (newHeight < 1 || newWidth < 1) {
            throw new IllegalArgumentException("resize(" + newHeight + ", " + newWidth + "): height and width must be"
                    + " at least 1 pixel, e.g. resize(28, 28)");
        }
        return new ImageOptions(newHeight, newWidth, color, low, high);
    }

    /** @return new options giving one gray channel, color images converted by luma */
    public ImageOptions grayscale() {
        return new ImageOptions(height, width, Color.GRAY, low, high);
    }

    /** @return new options giving three channels (R, G, B), gray images repeated in each */
    public ImageOptions rgb() {
        return new ImageOptions(height, width, Color.RGB, low, high);
    }

    /**
     * The values pixel levels 0 and 255 become, linearly; e.g. {@code pixelRange(-1, 1)}.
     *
     * @param newLow the value of black (level 0)
     * @param newHigh the value of full intensity (level 255), different from newLow
     * @return new options
     */
    public ImageOptions pixelRange(float newLow, float newHigh) {
        if (!Float.isFinite(newLow) || !Float.isFinite(newHigh) || newLow == newHigh) {
            throw new IllegalArgumentException("pixelRange(" + newLow + ", " + newHigh + "): give two different finite"
                    + " values, e.g. pixelRange(0, 1) or pixelRange(-1, 1)");
        }
        return new ImageOptions(height, width, color, newLow, newHigh);
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    boolean resizes() {
        return height > 0;
    }

    Color color() {
        return color;
    }

    /**
     * The sample value of a pixel level in [0, 255]; with the default range exactly what the IDX reader
     * gives the same byte ({@code level * (1f / 255f)}), so a PNG copy of Fashion-MNIST reads back bit for bit.
     */
    float value(float level) {
        return low + (high - low) * level * (1f / 255f);
    }

    /** Every setting exactly, for cache keys. */
    String key() {
        return height + "x" + width + "/" + color + "/" + Float.toString(low) + "/" + Float.toString(high);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImageOptions(%s, %s, pixels %s … %s)",
                resizes() ? height + " × " + width : "size as found", color.name().toLowerCase(Locale.ROOT),
                TableView.number(low), TableView.number(high));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageOptions other && height == other.height && width == other.width
                && color == other.color && low == other.low && high == other.high;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(height, width, color, low, high);
    }
}
