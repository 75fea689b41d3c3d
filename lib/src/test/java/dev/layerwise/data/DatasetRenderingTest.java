package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.display.MimeBundle;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DatasetRenderingTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** 40 flat 28×28 images in 10 classes with a bright square in a class-dependent place. */
    static Dataset images() {
        int n = 40;
        float[] f = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    f[i * 784 + (2 * labels[i] + y) * 28 + x + 2] = 1f;
                }
            }
        }
        return Dataset.of(Examples.of("img", f, new int[] {784}, labels, 10)).withClassNames(
                "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine<&>");
    }

    @Test
    void textFormIsTheSummaryLine() {
        MimeBundle bundle = images().toMimeBundle();
        assertEquals(images().toString(), bundle.text());
    }

    @Test
    void htmlHasTheSummaryTableClassNamesAndOneInlinePngPerClass() {
        String html = images().batchSize(8).toMimeBundle().get(MimeBundle.HTML);
        assertTrue(html.contains("<table"), html);
        assertTrue(html.contains("training examples</th><td>40"), html);
        assertTrue(html.contains("5 batches per epoch"), html);
        assertTrue(html.contains("nine&lt;&amp;&gt; (4)"), "names are escaped: " + html);
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
        int count = 0;
        while (m.find()) {
            byte[] png = Base64.getDecoder().decode(m.group(1));
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
            count++;
        }
        assertEquals(10, count);
    }

    @Test
    void previewPngIsAGridOfClassRows() throws Exception {
        byte[] png = images().previewPng();
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        // 8 images of 56 px (28 px at 2x) with 2 px gaps; 10 rows
        assertEquals(8 * 58 - 2, img.getWidth());
        assertEquals(10 * 58 - 2, img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(2 * 2, 0) & 0xFFFFFF, "class 0's square is white at the top");
        assertEquals(0x000000, img.getRGB(0, 0) & 0xFFFFFF, "the background is black");
    }

    @Test
    void nonImageDataHasATableButNoPictures() {
        Dataset moons = Datasets.twoMoons(100, 0.1, 1);
        String html = moons.toMimeBundle().get(MimeBundle.HTML);
        assertTrue(html.contains("sample shape</th><td>[2]"), html);
        assertFalse(html.contains("data:image/png"));
        assertNull(moons.previewPng());
    }

    @Test
    void oneChannelImageShapesAreRecognised() {
        assertArrayEquals(new int[] {1, 28, 28}, DatasetView.imageGeometry(new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {1, 28, 28}, DatasetView.imageGeometry(new int[] {784}));
        assertArrayEquals(new int[] {3, 32, 32}, DatasetView.imageGeometry(new int[] {3, 32, 32}));
        assertNull(DatasetView.imageGeometry(new int[] {4}));
        assertNull(DatasetView.imageGeometry(new int[] {128 * 128}));
        assertNotNull(images().images().previewPng());
    }

    @Test
    void renderingFashionMnistNamesItsClasses() {
        // how long it takes is a benchmark's business, not a unit test's (a busy machine would fail it)
        MimeBundle bundle = Datasets.fashionMnist().toMimeBundle();
        assertTrue(bundle.get(MimeBundle.HTML).contains("Ankle boot"));
    }
}
