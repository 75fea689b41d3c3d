package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.display.Display;
import dev.layerwise.display.DisplaySink;
import dev.layerwise.display.MimeBundle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LoadProgressTest {
    /** A notebook-like sink that records what is shown and updated. */
    private static final class Recorder implements DisplaySink {
        final List<String> shown = new ArrayList<>();
        final List<String> updated = new ArrayList<>();

        @Override
        public void display(MimeBundle bundle, String displayId) {
            shown.add(bundle.text());
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            updated.add(bundle.text());
        }

        @Override
        public boolean isRich() {
            return true;
        }
    }

    @Test
    void aLongLoadShowsOneLineUpdatedInPlaceAndEndsWithItsSummary() {
        DisplaySink before = Display.sink();
        Recorder r = new Recorder();
        Display.install(r);
        try {
            LoadProgress p = new LoadProgress("Decoding images of cats", 2_000, 0);
            p.update(500);
            p.update(600);
            p.finish("Decoded 2,000 images");
            assertEquals(1, r.shown.size(), "one output, updated in place");
            assertTrue(r.shown.get(0).startsWith("Decoding images of cats: 500 of 2,000 (25%)"), r.shown.get(0));
            assertEquals("Decoded 2,000 images", r.updated.get(r.updated.size() - 1));
        } finally {
            Display.install(before);
        }
    }

    @Test
    void aQuickLoadShowsNothing() {
        DisplaySink before = Display.sink();
        Recorder r = new Recorder();
        Display.install(r);
        try {
            LoadProgress p = new LoadProgress("Decoding", 10);
            p.update(5);
            p.finish("done");
            assertTrue(r.shown.isEmpty() && r.updated.isEmpty(), "under a second: no output at all");
        } finally {
            Display.install(before);
        }
    }
}
