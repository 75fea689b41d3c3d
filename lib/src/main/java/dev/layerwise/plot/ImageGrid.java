package dev.layerwise.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Pictures in a grid, each with a few lines of caption drawn under it, as one PNG: for galleries of
 * examples (say, the most confidently wrong predictions) that should read the same in a notebook,
 * an exported page or a saved file.
 */
public final class ImageGrid {
    private static final int PAD = 6;
    private static final int MIN_CELL = 124;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static {
        Headless.ensure();
    }

    private ImageGrid() {}

    /**
     * Draws the grid.
     *
     * @param images the pictures, row by row
     * @param captions one list of lines per picture; the first line is drawn bold, lines too long are cut with …
     * @param columns pictures per row, at least 1
     * @return the PNG file's bytes
     */
    public static byte[] png(List<BufferedImage> images, List<List<String>> captions, int columns) {
        if (images.isEmpty() || images.size() != captions.size()) {
            throw new IllegalArgumentException("ImageGrid: " + images.size() + " images and " + captions.size()
                    + " captions; expected at least one image and one caption per image.");
        }
        int cols = Math.max(1, Math.min(columns, images.size()));
        int rows = (images.size() + cols - 1) / cols;
        int imageWidth = 0;
        int imageHeight = 0;
        int lines = 0;
        for (int i = 0; i < images.size(); i++) {
            imageWidth = Math.max(imageWidth, images.get(i).getWidth());
            imageHeight = Math.max(imageHeight, images.get(i).getHeight());
            lines = Math.max(lines, captions.get(i).size());
        }
        int cellWidth = Math.max(MIN_CELL, imageWidth + 2 * PAD);
        int lineHeight = FONT.getSize() + 3;
        int cellHeight = imageHeight + 2 * PAD + lines * lineHeight;
        BufferedImage out = new BufferedImage(cols * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < images.size(); i++) {
            int left = i % cols * cellWidth;
            int top = i / cols * cellHeight;
            BufferedImage image = images.get(i);
            g.drawImage(image, left + (cellWidth - image.getWidth()) / 2, top + PAD, null);
            int baseline = top + PAD + imageHeight + lineHeight;
            List<String> caption = captions.get(i);
            for (int k = 0; k < caption.size(); k++) {
                g.setFont(k == 0 ? FONT.deriveFont(Font.BOLD) : FONT);
                g.setColor(k == 0 ? Color.BLACK : Color.DARK_GRAY);
                String text = fit(caption.get(k), g.getFontMetrics(), cellWidth - 4);
                g.drawString(text, left + (cellWidth - g.getFontMetrics().stringWidth(text)) / 2, baseline);
                baseline += lineHeight;
            }
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode an image grid as PNG", e);
        }
        return bytes.toByteArray();
    }

    /** The text, cut and ended with an ellipsis when it is wider than the cell. */
    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
