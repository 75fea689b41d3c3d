package dev.layerwise.train;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.ExampleImages;
import dev.layerwise.data.Examples;
import dev.layerwise.data.Schema;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.ImageGrid;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The wrong predictions the net was surest of, most confident first: often mislabelled examples,
 * or the pairs of classes the net cannot tell apart. Image data shows as a gallery of the images,
 * each captioned with the predicted class, the true class and the confidence ({@link #png()}
 * gives the gallery alone); other data as a table of the examples' features.
 */
public final class ConfidentlyWrong implements Displayable {
    /** Features shown per example in the table of data that is not images. */
    private static final int FEATURES_SHOWN = 8;
    private static final int COLUMNS = 8;

    /**
     * One wrong prediction.
     *
     * @param index the example's index in the evaluated set
     * @param trueClass its true class id
     * @param predictedClass the class predicted
     * @param trueName the true class's name
     * @param predictedName the predicted class's name
     * @param confidence the prediction's confidence, e.g. its softmax probability
     */
    public record Mistake(int index, int trueClass, int predictedClass, String trueName, String predictedName,
            double confidence) {}

    private final Predictions predictions;
    private final List<Mistake> mistakes;
    private final long wrong;

    private ConfidentlyWrong(Predictions predictions, List<Mistake> mistakes, long wrong) {
        this.predictions = predictions;
        this.mistakes = List.copyOf(mistakes);
        this.wrong = wrong;
    }

    /** The n wrong predictions of highest confidence; ties go to the earlier example. */
    static ConfidentlyWrong of(Predictions p, int n) {
        int[] wrongRows = IntStream.range(0, p.size()).filter(i -> p.predictedAt(i) != p.truthAt(i)).toArray();
        List<String> names = p.classNames();
        List<Mistake> picked = IntStream.of(wrongRows).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -p.confidenceAt(i)).thenComparingInt(i -> i))
                .limit(n)
                .map(i -> new Mistake(i, p.truthAt(i), p.predictedAt(i), names.get(p.truthAt(i)),
                        names.get(p.predictedAt(i)), p.confidenceAt(i)))
                .toList();
        return new ConfidentlyWrong(p, picked, wrongRows.length);
    }

    /** @return the mistakes shown, most confident first */
    public List<Mistake> mistakes() {
        return mistakes;
    }

    /** @return how many predictions of the set were wrong in all */
    public long wrongTotal() {
        return wrong;
    }

    /** @return whether the examples are images, shown as a gallery (else as a table) */
    public boolean areImages() {
        return ExampleImages.arePictures(predictions.set().sampleShape());
    }

    /**
     * The gallery as one PNG image: each example with its predicted class (bold), true class and
     * confidence written under it.
     *
     * @return the PNG file's bytes
     * @throws IllegalStateException when the examples are not images, or nothing was wrong
     */
    public byte[] png() {
        if (!areImages()) {
            throw new IllegalStateException("png(): the examples of " + predictions.set().name() + " are shaped "
                    + java.util.Arrays.toString(predictions.set().sampleShape()) + ", not images; the mistakes show as a"
                    + " table instead (toString(), or the notebook's display).");
        }
        if (mistakes.isEmpty()) {
            throw new IllegalStateException("png(): no prediction on " + predictions.set().name()
                    + " was wrong, so there is nothing to draw.");
        }
        int[] rows = mistakes.stream().mapToInt(Mistake::index).toArray();
        List<BufferedImage> images = ExampleImages.draw(predictions.set().train(), rows);
        List<List<String>> captions = mistakes.stream().map(m -> List.of("pred " + m.predictedName(),
                "true " + m.trueName(), confidence(m) + " · #" + m.index())).toList();
        return ImageGrid.png(images, captions, COLUMNS);
    }

    private String confidence(Mistake m) {
        String prefix = predictions.confidenceName().equals("probability") ? "p" : "out";
        return String.format(Locale.ROOT, "%s=%.3f", prefix, m.confidence());
    }

    private String title() {
        String set = predictions.set().name();
        if (mistakes.isEmpty()) {
            return "No wrong predictions on " + set + " (" + String.format(Locale.ROOT, "%,d", predictions.size())
                    + " examples).";
        }
        return String.format(Locale.ROOT, "The %d most confidently wrong of %,d wrong predictions on %s (%,d examples);"
                + " confidence = the %s of the predicted class", mistakes.size(), wrong, set, predictions.size(),
                predictions.confidenceName());
    }

    private TextTable table() {
        Dataset set = predictions.set();
        Examples ex = set.train();
        int shown = areImages() ? 0 : Math.min(FEATURES_SHOWN, ex.sampleSize());
        List<String> featureNames = set.schema().map(Schema::featureNames)
                .filter(f -> f.size() == ex.sampleSize()).orElse(null);
        List<String> headers = new ArrayList<>(List.of("example", "predicted", "true", predictions.confidenceName()));
        for (int j = 0; j < shown; j++) {
            headers.add(featureNames == null ? "x" + j : featureNames.get(j));
        }
        if (shown < ex.sampleSize() && shown > 0) {
            headers.add("…");
        }
        TextTable t = new TextTable(headers);
        for (Mistake m : mistakes) {
            List<String> cells = new ArrayList<>(List.of("#" + m.index(), m.predictedName(), m.trueName(),
                    String.format(Locale.ROOT, "%.4f", m.confidence())));
            float[] x = shown == 0 ? new float[0] : ex.features(m.index());
            for (int j = 0; j < shown; j++) {
                cells.add(String.format(Locale.ROOT, "%.4g", x[j]));
            }
            if (shown < ex.sampleSize() && shown > 0) {
                cells.add("+" + (ex.sampleSize() - shown) + " more");
            }
            t.row(cells);
        }
        return t;
    }

    /** @return the title and a table of the mistakes, with features when the examples are not images */
    @Override
    public String toString() {
        String note = areImages() || mistakes.isEmpty() ? "" : "\n" + notImages();
        return mistakes.isEmpty() ? title() : title() + note + "\n" + table().text().stripTrailing();
    }

    private String notImages() {
        return "The examples are shaped " + java.util.Arrays.toString(predictions.set().sampleShape())
                + ", not images, so they are listed with their features (as the net sees them, after any scaling).";
    }

    /** The gallery for images; for other data a note saying so and the table of features. */
    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<div class=\"layerwise-wrong\"><p style=\"font-weight:bold\">")
                .append(TextTable.escape(title())).append("</p>");
        if (!mistakes.isEmpty() && areImages()) {
            String alt = String.join("; ", mistakes.stream().map(m -> "#" + m.index() + " " + m.trueName()
                    + " predicted as " + m.predictedName() + " (" + confidence(m) + ")").toList());
            html.append("<img alt=\"").append(TextTable.escape(alt)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png())).append("\"/>");
        } else if (!mistakes.isEmpty()) {
            html.append("<p>").append(TextTable.escape(notImages())).append("</p>").append(table().html(null, null));
        }
        return MimeBundle.text(toString()).withHtml(html.append("</div>").toString());
    }
}
