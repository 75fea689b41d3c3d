package dev.layerwise.kernel.install;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Draws the kernel's logo — three stacked layers of shrinking width — as a PNG of any size. */
final class Logo {
    private Logo() {}

    static void write(Path file, int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x1F3A5F));
        int arc = size / 4;
        g.fillRoundRect(0, 0, size, size, arc, arc);
        Color[] layers = {new Color(0xF28C28), new Color(0xF5B041), new Color(0xF9E79F)};
        int h = Math.max(2, size / 7);
        for (int i = 0; i < 3; i++) {
            int w = size * (6 - i) / 8;
            int y = size * 3 / 16 + i * (h + size / 10);
            g.setColor(layers[i]);
            g.fillRoundRect((size - w) / 2, y, w, h, h / 2, h / 2);
        }
        g.dispose();
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK to write " + file);
        }
    }
}
