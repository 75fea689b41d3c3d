package dev.layerwise.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders a {@link Dataset} for notebooks: an HTML summary table and, for image data, the first
 * few images of each class as PNG strips; package-private, used by {@link Dataset#toMimeBundle()}.
 *
 * <p>Images are drawn pixel by pixel into a {@link BufferedImage} and encoded with {@link ImageIO};
 * no fonts or windows are involved (labels are HTML text), so it works on headless machines.
 */
final class DatasetView {
    /** Images shown per class. */
    static final int PER_CLASS = 8;
    /** Largest image side drawn; bigger samples are not previewed. */
    static final int MAX_SIDE = 64;
    /** Rows scanned for examples of each class; bounds the time on huge sets. */
    private static final int MAX_SCAN = 20_000;
    private static final int GAP = 2;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private DatasetView() {}

    /** Channels, height and width when samples of this shape can be previewed as images; else null. */
    static int[] imageGeometry(int[] shape) {
        int[] g = ExampleImages.geometry(shape);
        return g != null && g[1] <= MAX_SIDE && g[2] <= MAX_SIDE ? g : null;
    }

    /** The one-line summary {@link Dataset#toString()} gives. */
    static String summaryLine(Dataset data) {
        Examples train = data.train();
        StringBuilder s = new StringBuilder("Dataset ").append(data.name()).append(": ")
                .append(Shapes.count(train.size())).append(" train × ").append(Shapes.format(train.sampleShape()));
        if (train.hasLabels()) {
            s.append(" → ").append(train.numClasses()).append(train.numClasses() == 1 ? " class" : " classes");
        } else if (train.hasTargets()) {
            s.append(" → targets ").append(Shapes.format(train.targetShape()));
        } else {
            s.append(", unlabeled");
        }
        if (data.hasValidation()) {
            s.append(", validation ").append(Shapes.count(data.validationExamples().size()));
        }
        s.append(data.hasTest() ? ", test " + Shapes.count(data.testExamples().size()) : ", no test set");
        s.append(", batch ").append(data.batchSize());
        s.append(data.shuffle() ? ", shuffle seed " + data.seed() : ", no shuffle");
        data.scaler().ifPresent(sc -> s.append(sc.kind() == Scaling.STANDARDIZE ? ", standardized" : ", min-max scaled"));
        data.augmentation().ifPresent(a -> s.append(", augmented: ").append(a));
        return s.toString();
    }

    /** The HTML form: a summary table and, for images, one strip per class. */
    static String html(Dataset data) {
        Examples train = data.train();
        StringBuilder s = new StringBuilder("<div class=\"layerwise-dataset\">");
        s.append("<table style=\"border-collapse:collapse;text-align:left\">");
        s.append("<caption style=\"text-align:left;font-weight:bold\">Dataset ").append(escape(data.name()))
                .append("</caption>");
        row(s, "training examples", Shapes.count(train.size()));
        if (data.hasValidation()) {
            row(s, "validation examples", Shapes.count(data.validationExamples().size()));
        }
        row(s, "test examples", data.hasTest() ? Shapes.count(data.testExamples().size()) : "none");
        row(s, "sample shape", Shapes.format(train.sampleShape()));
        if (train.hasLabels()) {
            row(s, "classes", train.numClasses() + ": " + classSummary(data));
        }
        if (train.hasTargets()) {
            row(s, "target shape", Shapes.format(train.targetShape()));
        }
        row(s, "batch size", data.batchSize() + " (" + Shapes.count(data.batchesPerEpoch()) + " batches per epoch)");
        row(s, "shuffle", data.shuffle() ? "yes, seed " + data.seed() : "no");
        data.scaler().ifPresent(scaler -> row(s, "scaling", scaler.toString()));
        data.augmentation().ifPresent(a -> row(s, "augmentation", a + " (each epoch, training images only)"));
        s.append("</table>");
        int[] geometry = imageGeometry(train.sampleShape());
        if (data.schema().isPresent() || (geometry == null && train.sampleShape().length == 1)) {
            s.append(TableView.datasetHtml(data));
        }
        if (geometry != null) {
            List<String> names = data.classNames();
            List<int[]> groups = firstPerClass(train);
            s.append("<table style=\"border-collapse:collapse\">");
            for (int g = 0; g < groups.size(); g++) {
                if (groups.get(g).length == 0) {
                    continue;
                }
                String label = train.hasLabels() ? g + " " + names.get(g) : "first " + PER_CLASS;
                String png = Base64.getEncoder().encodeToString(png(draw(train, List.of(groups.get(g)), geometry)));
                s.append("<tr><td style=\"text-align:right;padding-right:6px\">").append(escape(label))
                        .append("</td><td><img alt=\"").append(escape(label))
                        .append("\" style=\"image-rendering:pixelated\" src=\"data:image/png;base64,")
                        .append(png).append("\"/></td></tr>");
            }
            s.append("</table>");
        }
        return s.append("</div>").toString();
    }

    /** All class strips in one PNG, one row per class; null when the samples are not images. */
    static byte[] gridPng(Dataset data) {
        int[] geometry = imageGeometry(data.train().sampleShape());
        return geometry == null ? null : png(draw(data.train(), firstPerClass(data.train()), geometry));
    }

    private static String classSummary(Dataset data) {
        int[] counts = data.train().classCounts();
        List<String> names = data.classNames();
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < counts.length; c++) {
            s.append(c == 0 ? "" : ", ").append(names.get(c)).append(" (").append(Shapes.count(counts[c])).append(')');
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String key, String value) {
        s.append("<tr><th style=\"padding-right:12px\">").append(key).append("</th><td>").append(escape(value))
                .append("</td></tr>");
    }

    /** Indices of the first examples of each class (or the first examples overall, when unlabeled). */
    static List<int[]> firstPerClass(Examples ex) {
        int groups = ex.hasLabels() ? ex.numClasses() : 1;
        int[][] found = new int[groups][PER_CLASS];
        int[] counts = new int[groups];
        int complete = 0;
        int scan = Math.min(ex.size(), MAX_SCAN);
        for (int i = 0; i < scan && complete < groups; i++) {
            int g = ex.hasLabels() ? ex.labelAt(i) : 0;
            if (counts[g] < PER_CLASS) {
                found[g][counts[g]++] = i;
                if (counts[g] == PER_CLASS) {
                    complete++;
                }
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            out.add(Arrays.copyOf(found[g], counts[g]));
        }
        return out;
    }

    /** Draws rows of images (one row per group), scaled to the range of the pixels shown. */
    static BufferedImage draw(Examples ex, List<int[]> groups, int[] geometry) {
        int c = geometry[0];
        int h = geometry[1];
        int w = geometry[2];
        int scale = Math.max(1, (int) Math.round(56.0 / Math.max(h, w)));
        float lo = 0;
        float hi = 1;
        for (int[] group : groups) {
            for (int i : group) {
                for (int j = 0; j < ex.sampleSize(); j++) {
                    float v = ex.featureAt(i, j);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        float range = hi - lo;
        int cell = w * scale + GAP;
        int rowHeight = h * scale + GAP;
        int width = Math.max(1, PER_CLASS * cell - GAP);
        BufferedImage img = new BufferedImage(width, Math.max(1, groups.size() * rowHeight - GAP),
                BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        Arrays.fill(out, 0xFFFFFF);
        float factor = 255f / range;
        for (int g = 0; g < groups.size(); g++) {
            int[] group = groups.get(g);
            for (int k = 0; k < group.length; k++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int rgb = 0;
                        for (int ch = 0; ch < 3; ch++) {
                            int plane = c == 3 ? ch : 0;
                            float v = ex.featureAt(group[k], (plane * h + y) * w + x);
                            rgb = (rgb << 8) | Math.round((v - lo) * factor);
                        }
                        int left = k * cell + x * scale;
                        for (int dy = 0; dy < scale; dy++) {
                            int at = (g * rowHeight + y * scale + dy) * width + left;
                            Arrays.fill(out, at, at + scale, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.setUseCache(false);
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
