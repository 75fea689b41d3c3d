package dev.layerwise.data;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Examples drawn as pictures, for galleries of chosen examples (the dataset's own preview draws
 * the first few of each class). A sample is a picture when its shape is {@code [c, h, w]} with 1
 * or 3 channels, {@code [h, w]}, or a flat square such as {@code [784]}, and each side is at least
 * 8 pixels.
 */
public final class ExampleImages {
    /** Pictures are drawn about this many pixels on their longer side: small ones enlarged, big ones shrunk. */
    static final int TARGET_SIDE = 84;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ExampleImages() {}

    /**
     * Whether samples of this shape can be drawn as pictures.
     *
     * @param sampleShape the shape of one example, e.g. {@code [784]} or {@code [3, 32, 32]}
     * @return true for the shapes the class description lists
     */
    public static boolean arePictures(int[] sampleShape) {
        return geometry(sampleShape) != null;
    }

    /** Channels, height and width when samples of this shape are pictures; else null. */
    static int[] geometry(int[] shape) {
        int[] chw;
        if (shape.length == 3) {
            chw = shape.clone();
        } else if (shape.length == 2) {
            chw = new int[] {1, shape[0], shape[1]};
        } else if (shape.length == 1 && Shapes.squareSide(shape[0]) > 0) {
            int side = Shapes.squareSide(shape[0]);
            chw = new int[] {1, side, side};
        } else {
            return null;
        }
        return (chw[0] == 1 || chw[0] == 3) && chw[1] >= 8 && chw[2] >= 8 ? chw : null;
    }

    /**
     * Draws some examples, each about {@value #TARGET_SIDE} pixels on its longer side. Gray levels
     * and colors are scaled together over the examples drawn, from the smaller of 0 and their
     * lowest value to the larger of 1 and their highest, so pictures in [0, 1] keep their levels
     * and standardized ones still show.
     *
     * @param examples the set
     * @param rows the examples to draw, by index
     * @return one picture per index, in order
     * @throws IllegalArgumentException when the samples are not pictures
     */
    public static List<BufferedImage> draw(Examples examples, int[] rows) {
        int[] g = geometry(examples.sampleShape());
        if (g == null) {
            throw new IllegalArgumentException("The samples of " + examples.name() + " are shaped "
                    + Shapes.format(examples.sampleShape()) + ", not pictures ([c, h, w] with 1 or 3 channels, [h, w],"
                    + " or a flat square such as [784]); show them as a table instead.");
        }
        float lo = 0;
        float hi = 1;
        for (int i : rows) {
            for (float v : examples.features(i)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        List<BufferedImage> out = new ArrayList<>();
        for (int i : rows) {
            out.add(picture(examples.features(i), g, lo, hi));
        }
        return out;
    }

    /** One picture, enlarged by a whole factor or shrunk by sampling every k-th pixel. */
    private static BufferedImage picture(float[] v, int[] g, float lo, float hi) {
        int c = g[0];
        int h = g[1];
        int w = g[2];
        int side = Math.max(h, w);
        int up = side >= TARGET_SIDE ? 1 : Math.max(1, Math.round((float) TARGET_SIDE / side));
        int down = side <= 2 * TARGET_SIDE ? 1 : (side + TARGET_SIDE - 1) / TARGET_SIDE;
        int outH = h * up / down;
        int outW = w * up / down;
        BufferedImage img = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        float factor = 255f / (hi - lo);
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sy = y * down / up;
                int sx = x * down / up;
                int rgb = 0;
                for (int ch = 0; ch < 3; ch++) {
                    int plane = c == 3 ? ch : 0;
                    rgb = (rgb << 8) | Math.round((v[(plane * h + sy) * w + sx] - lo) * factor);
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }
}
