package dev.layerwise.kernel.display;

import dev.layerwise.display.Display;
import dev.layerwise.display.MimeBundle;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Shows Java images ({@link RenderedImage}, so every {@link BufferedImage}) as PNG, whether a cell
 * ends with one or passes it to {@code display(x)}. The text form names the size and pixel type.
 */
public final class ImageRenderer {
    private ImageRenderer() {}

    /** Registers the renderer with the library's {@link Display}; the kernel calls this once at start. */
    public static void register() {
        Display.register(RenderedImage.class, ImageRenderer::render);
    }

    /**
     * @param image any image
     * @return its text description and its PNG
     */
    static MimeBundle render(RenderedImage image) {
        return MimeBundle.text(describe(image)).withPng(png(image));
    }

    static String describe(RenderedImage image) {
        String type = image instanceof BufferedImage ? pixelType(((BufferedImage) image).getType()) : "rendered";
        return String.format(Locale.ROOT, "%s %d×%d (%s)", image.getClass().getSimpleName(), image.getWidth(),
                image.getHeight(), type);
    }

    private static byte[] png(RenderedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                // PNG has no writer for some pixel layouts (e.g. a custom colour model): draw it as ARGB first.
                out.reset();
                ImageIO.write(asArgb(image), "png", out);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a " + describe(image) + " as PNG", e);
        }
    }

    private static BufferedImage asArgb(RenderedImage image) {
        BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        try {
            g.drawRenderedImage(image, null);
        } finally {
            g.dispose();
        }
        return argb;
    }

    private static String pixelType(int type) {
        return switch (type) {
            case BufferedImage.TYPE_INT_RGB -> "RGB";
            case BufferedImage.TYPE_INT_ARGB -> "ARGB";
            case BufferedImage.TYPE_INT_ARGB_PRE -> "ARGB premultiplied";
            case BufferedImage.TYPE_INT_BGR -> "BGR";
            case BufferedImage.TYPE_3BYTE_BGR -> "3-byte BGR";
            case BufferedImage.TYPE_4BYTE_ABGR -> "4-byte ABGR";
            case BufferedImage.TYPE_BYTE_GRAY -> "8-bit gray";
            case BufferedImage.TYPE_USHORT_GRAY -> "16-bit gray";
            case BufferedImage.TYPE_BYTE_BINARY -> "binary";
            case BufferedImage.TYPE_BYTE_INDEXED -> "indexed";
            default -> "custom";
        };
    }
}
