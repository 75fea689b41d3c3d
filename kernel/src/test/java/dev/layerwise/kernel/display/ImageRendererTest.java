package dev.layerwise.kernel.display;

import dev.layerwise.display.Display;
import dev.layerwise.display.MimeBundle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class ImageRendererTest {

    private static BufferedImage decode(MimeBundle bundle) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get(MimeBundle.PNG))));
    }

    @Test
    void aBufferedImageShowsAsAPngWithTheSamePixels() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, 3, 2, 0, new int[] {0, 50, 100, 150, 200, 255});
        ImageRenderer.register();
        assertTrue(Display.hasRenderer(image), "a cell ending in an image shows it richly");
        MimeBundle bundle = Display.render(image);
        assertEquals("BufferedImage 3×2 (8-bit gray)", bundle.text());
        BufferedImage back = decode(bundle);
        assertEquals(3, back.getWidth());
        assertEquals(2, back.getHeight());
        int[] samples = back.getRaster().getSamples(0, 0, 3, 2, 0, new int[6]);
        assertEquals(java.util.List.of(0, 50, 100, 150, 200, 255), java.util.Arrays.stream(samples).boxed().toList());
    }

    @Test
    void anImageThatPngCannotHoldAsItIsIsDrawnAsArgbFirst() throws IOException {
        ComponentColorModel floats = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = floats.createCompatibleWritableRaster(4, 1);
        raster.setSamples(0, 0, 4, 1, 0, new float[] {0f, 0.25f, 0.5f, 1f});
        BufferedImage image = new BufferedImage(floats, raster, false, null);
        assertTrue(!ImageIO.write(image, "png", new java.io.ByteArrayOutputStream()), "PNG cannot hold float samples directly");
        BufferedImage back = decode(ImageRenderer.render(image));
        assertEquals(4, back.getWidth());
        assertEquals(0xFF000000, back.getRGB(0, 0), "black stays black");
        assertEquals(0xFFFFFFFF, back.getRGB(3, 0), "white stays white");
        assertTrue((back.getRGB(1, 0) & 0xFF) < (back.getRGB(2, 0) & 0xFF), "grays keep their order");
        assertEquals("BufferedImage 4×1 (custom)", ImageRenderer.describe(image));
    }
}
