package dev.layerwise.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;

/**
 * One image file as planes of pixel levels 0 … 255, channels first; package-private, behind
 * {@link ImageFolderReading}. Decoding goes through the JDK's ImageIO (PNG, JPEG, BMP, GIF); gray
 * images are read from their raster so that levels come back exactly as written (BufferedImage's
 * getRGB would pass them through a color-space conversion), color images through getRGB (sRGB, alpha
 * dropped).
 *
 * @param channels 1 for a gray image, 3 for color
 * @param height pixels
 * @param width pixels
 * @param levels {@code channels × height × width} values in [0, 255]
 */
record Pixels(int channels, int height, int width, float[] levels) {
    private static final float[] LUMA = {0.299f, 0.587f, 0.114f};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ImageIO.setUseCache(false);
    }

    /** Decodes a file; every failure is a {@link DataFileException} naming it, with the fix. */
    static Pixels read(Path file) {
        BufferedImage img;
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            img = ImageIO.read(in);
        } catch (IIOException e) {
            throw unreadable(file, e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""),
                    e);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e.toString(), e);
        }
        if (img == null) {
            throw unreadable(file, "no ImageIO reader recognises its content", null);
        }
        return of(img);
    }

    private static DataFileException unreadable(Path file, String why, Throwable cause) {
        return new DataFileException(file, 0, "cannot be read as an image: " + why + ". Remove it from the folder, or"
                + " convert it to PNG or 8-bit RGB JPEG (CMYK JPEGs, WebP and truncated files are not readable)", cause);
    }

    static Pixels of(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        if (cm.getNumColorComponents() == 1 && raster.getNumBands() >= 1 && !(cm instanceof java.awt.image.IndexColorModel)) {
            int bits = cm.getComponentSize(0);
            float factor = 255f / ((1 << bits) - 1);
            float[] levels = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    levels[y * w + x] = raster.getSample(x, y, 0) * factor;
                }
            }
            return new Pixels(1, h, w, levels);
        }
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] levels = new float[3 * h * w];
        boolean gray = true;
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            levels[i] = r;
            levels[h * w + i] = g;
            levels[2 * h * w + i] = b;
            gray &= r == g && g == b;
        }
        // an indexed (palette) image whose palette is all gray is a gray image
        return gray && cm instanceof java.awt.image.IndexColorModel
                ? new Pixels(1, h, w, java.util.Arrays.copyOf(levels, h * w)) : new Pixels(3, h, w, levels);
    }

    /** These pixels with 1 or 3 channels: color to gray by luma, gray repeated into R, G and B. */
    Pixels channels(int wanted) {
        if (wanted == channels) {
            return this;
        }
        int n = height * width;
        float[] out = new float[wanted * n];
        if (wanted == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = LUMA[0] * levels[i] + LUMA[1] * levels[n + i] + LUMA[2] * levels[2 * n + i];
            }
        } else {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(levels, 0, out, c * n, n);
            }
        }
        return new Pixels(wanted, height, width, out);
    }

    /** These pixels resampled to another size with an antialiasing triangle filter, channel by channel. */
    Pixels resize(int newHeight, int newWidth) {
        if (newHeight == height && newWidth == width) {
            return this;
        }
        float[] out = new float[channels * newHeight * newWidth];
        float[] across = new float[height * newWidth];
        Resampling rx = Resampling.of(width, newWidth);
        Resampling ry = Resampling.of(height, newHeight);
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                rx.apply(levels, plane + y * width, 1, across, y * newWidth, 1);
            }
            for (int x = 0; x < newWidth; x++) {
                ry.apply(across, x, newWidth, out, c * newHeight * newWidth + x, newWidth);
            }
        }
        return new Pixels(channels, newHeight, newWidth, out);
    }

    /**
     * Weights of a 1-D resampling from n to m samples: a triangle filter whose support grows with the
     * shrink factor, normalised per output sample.
     */
    private record Resampling(int[] first, float[][] weights) {
        static Resampling of(int n, int m) {
            double scale = (double) n / m;
            double spread = Math.max(1, scale);
            int[] first = new int[m];
            float[][] weights = new float[m][];
            for (int o = 0; o < m; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - spread));
                int hi = Math.min(n, (int) Math.ceil(center + spread));
                float[] w = new float[hi - lo];
                double sum = 0;
                for (int i = lo; i < hi; i++) {
                    double t = Math.abs((i + 0.5 - center) / spread);
                    w[i - lo] = (float) Math.max(0, 1 - t);
                    sum += w[i - lo];
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] = sum > 0 ? (float) (w[k] / sum) : 1f / w.length;
                }
                first[o] = lo;
                weights[o] = w;
            }
            return new Resampling(first, weights);
        }

        void apply(float[] in, int inStart, int inStride, float[] out, int outStart, int outStride) {
            for (int o = 0; o < first.length; o++) {
                float[] w = weights[o];
                float v = 0;
                int at = inStart + first[o] * inStride;
                for (int k = 0; k < w.length; k++) {
                    v += w[k] * in[at + k * inStride];
                }
                out[outStart + o * outStride] = v;
            }
        }
    }
}
