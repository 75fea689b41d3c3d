package dev.layerwise.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/** The heat map reads like a table, first row on top; the image grid lays pictures out row by row. */
@Tag("unit")
class HeatMapAndImageGridTest {
    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** The centre of the region of the image painted in the heat map's strongest color. */
    private static int[] strongestCell(BufferedImage img) {
        long sx = 0;
        long sy = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth() - 160; x++) { // leave out the color legend on the right
                Color c = new Color(img.getRGB(x, y));
                if (c.getRed() < 0x80 && c.getBlue() > 0xC0) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n > 100, "a strong cell is drawn");
        return new int[] {(int) (sx / n), (int) (sy / n)};
    }

    @Test
    void theFirstRowIsOnTopAndTheFirstColumnOnTheLeft() throws IOException {
        List<String> names = List.of("first", "second");
        BufferedImage topLeft = read(Chart.of("t", HeatMap.panel("t", "rows", names, "columns", names,
                new double[][] {{9, 0}, {0, 0}}, "0")).png());
        BufferedImage bottomRight = read(Chart.of("t", HeatMap.panel("t", "rows", names, "columns", names,
                new double[][] {{0, 0}, {0, 9}}, "0")).png());
        int[] a = strongestCell(topLeft);
        int[] b = strongestCell(bottomRight);
        assertTrue(a[1] < b[1], "row 0 above row 1: " + a[1] + " vs " + b[1]);
        assertTrue(a[0] < b[0], "column 0 left of column 1: " + a[0] + " vs " + b[0]);
    }

    @Test
    void aHeatMapWithTheWrongNumberOfValuesIsRefused() {
        List<String> names = List.of("a", "b");
        assertThrows(IllegalArgumentException.class, () -> HeatMap.panel("t", "r", names, "c", names,
                new double[][] {{1, 2}}, "0"));
        assertThrows(IllegalArgumentException.class, () -> HeatMap.panel("t", "r", names, "c", names,
                new double[][] {{1, 2}, {3}}, "0"));
    }

    @Test
    void theGridPlacesPicturesRowByRowWithTheirCaptions() throws IOException {
        List<BufferedImage> pictures = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BufferedImage p = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    p.setRGB(x, y, 0x100000 * (i + 1));
                }
            }
            pictures.add(p);
        }
        List<List<String>> captions = List.of(List.of("a"), List.of("b"), List.of("c"), List.of("d"),
                List.of("a caption far too long to fit under a picture of forty pixels, cut short"));
        BufferedImage grid = read(ImageGrid.png(pictures, captions, 2));
        int cellWidth = grid.getWidth() / 2;
        int cellHeight = grid.getHeight() / 3;
        assertEquals(0, grid.getHeight() % 3, "three rows of equal height");
        for (int i = 0; i < 5; i++) {
            int x = i % 2 * cellWidth + cellWidth / 2;
            int y = i / 2 * cellHeight + 6 + 15;
            assertEquals(0x100000 * (i + 1), grid.getRGB(x, y) & 0xFFFFFF, "picture " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.png(pictures, captions.subList(0, 4), 2));
    }
}
