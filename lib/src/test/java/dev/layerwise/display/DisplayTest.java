package dev.layerwise.display;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class DisplayTest {
    /** What a sink was sent: the message kind, the bundle, the display id. */
    record Sent(String kind, MimeBundle bundle, String id) {}

    final List<Sent> sent = new ArrayList<>();
    DisplaySink before;

    @BeforeEach
    void recordOutputs() {
        before = Display.sink();
        Display.install(new DisplaySink() {
            @Override
            public void display(MimeBundle bundle, String displayId) {
                sent.add(new Sent("display", bundle, displayId));
            }

            @Override
            public void update(MimeBundle bundle, String displayId) {
                sent.add(new Sent("update", bundle, displayId));
            }

            @Override
            public boolean isRich() {
                return true;
            }
        });
    }

    @AfterEach
    void restoreSink() {
        Display.install(before);
    }

    @Test
    void displayShowsWhatShowShowsAndItsHandleUpdatesInPlace() {
        Displayable rich = () -> MimeBundle.text("plain").withHtml("<b>rich</b>");
        DisplayHandle handle = Display.display(rich);
        handle.update("second");
        assertEquals(2, sent.size());
        assertEquals(Map.of("text/plain", "plain", "text/html", "<b>rich</b>"), sent.get(0).bundle().data());
        assertEquals("update", sent.get(1).kind());
        assertEquals(handle.id(), sent.get(0).id());
        assertEquals(handle.id(), sent.get(1).id());
        assertEquals("second", sent.get(1).bundle().text(), "a string shows as its text, unquoted");
    }

    @Test
    void arraysShowTheirElementsNotTheirIdentity() {
        assertEquals("int[3] { 1, 2, 3 }", Display.render(new int[] {1, 2, 3}).text());
        assertEquals("String[2] { \"a\", null }", Display.render(new String[] {"a", null}).text());
        assertEquals("double[2][] { double[1] { 0.5 }, double[0] {  } }",
                Display.render(new double[][] {{0.5}, {}}).text());
        String longOne = Display.render(new long[1_000_000]).text();
        assertTrue(longOne.length() < ArrayText.MAX_CHARS + 100 && longOne.contains(" more }"), longOne.substring(0, 40));
    }

    @Test
    void aStringShowsAsTheContentOfATextTypeAndUpdatesKeepTheType() {
        DisplayHandle handle = Display.display("<b>bold</b>", "text/html");
        handle.update("<i>then</i>");
        assertEquals("<b>bold</b>", sent.get(0).bundle().get("text/html"));
        assertEquals("<b>bold</b>", sent.get(0).bundle().text(), "the text form stays for front ends without HTML");
        assertEquals("<i>then</i>", sent.get(1).bundle().get("text/html"));
        assertEquals("x^2", Display.render("x^2", "text/latex").get("text/latex"));
        assertEquals(Map.of("text/plain", "ok"), Display.render("ok", " TEXT/PLAIN ").data());
    }

    @Test
    void oneFormOfARichValueKeepsOnlyThatFormAndItsText() {
        Displayable rich = () -> MimeBundle.text("plain").withHtml("<b>rich</b>").withSvg("<svg/>");
        assertEquals(Map.of("text/plain", "plain", "image/svg+xml", "<svg/>"), Display.render(rich, "image/svg+xml").data());
        assertEquals(Map.of("text/plain", "plain"), Display.render(rich, "text/plain").data());
    }

    @Test
    void imageBytesShowAsThatImageType() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        MimeBundle b = Display.render(png, "image/png");
        assertArrayEquals(png, Base64.getDecoder().decode(b.get("image/png")));
        assertEquals("image/png image, 8 bytes", b.text());
    }

    @Test
    void aValueWithoutTheAskedFormIsRefusedBeforeAnythingIsShown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Display.display(new ByteArrayOutputStream(), "image/png"));
        assertTrue(e.getMessage().contains("java.io.ByteArrayOutputStream has no image/png form")
                && e.getMessage().contains("renders as text/plain"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Display.display(new byte[] {1, 2, 3}, "image/png"));
        assertTrue(e.getMessage().contains("are not image/png data (they start 01 02 03)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Display.display("x", "png"));
        assertTrue(e.getMessage().contains("\"png\" is not a MIME type") && e.getMessage().contains("e.g. image/png"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Display.display("x", null));
        assertTrue(e.getMessage().contains("no MIME type given"), e.getMessage());
        assertTrue(sent.isEmpty(), "nothing shown: " + sent);
    }

    @Test
    void aHandleSaysWhatItIs() {
        DisplayHandle h = Display.show("x");
        assertEquals("DisplayHandle " + h.id(), h.toString());
        assertNull(Display.render("x").get("text/html"));
    }
}
