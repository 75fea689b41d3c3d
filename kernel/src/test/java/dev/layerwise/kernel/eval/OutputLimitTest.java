package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class OutputLimitTest {
    @Test
    void sizesParseWithSuffixesAndZeroMeansNoLimit() {
        assertEquals(1_000_000, OutputLimit.parse("1000000", "test").bytes());
        assertEquals(500L << 10, OutputLimit.parse("500k", "test").bytes());
        assertEquals(10L << 20, OutputLimit.parse("10M", "test").bytes());
        assertEquals(2L << 30, OutputLimit.parse(" 2GB ", "test").bytes());
        assertTrue(OutputLimit.parse("0", "test").unlimited());
        assertEquals("1 MB per cell", OutputLimit.of(OutputLimit.DEFAULT_BYTES).toString());
    }

    @Test
    void aWrongSizeSaysWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputLimit.parse("lots", OutputLimit.ENV));
        assertEquals("LAYERWISE_MAX_OUTPUT=lots is not a size; expected bytes with an optional k, M or G suffix,"
                + " e.g. LAYERWISE_MAX_OUTPUT=10M, or 0 for no limit", e.getMessage());
    }

    @Test
    void sizesReadForPeople() {
        assertEquals("512 bytes", OutputLimit.size(512));
        assertEquals("1 KB", OutputLimit.size(1024));
        assertEquals("94.4 MB", OutputLimit.size(98_951_430));
    }

    /** Sends to a list instead of Jupyter. */
    record Sent(String stream, String text) {}

    @Test
    void bothStreamsShareOneBudgetPerCellAndTheRestIsCountedWithANotice() {
        List<Sent> sent = new ArrayList<>();
        OutputRouter router = new OutputRouter((stream, text, parent) -> sent.add(new Sent(stream, text)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), OutputLimit.of(100));
        PrintStream saved = System.out;
        PrintStream savedErr = System.err;
        router.install();
        try {
            router.begin("cell 1", false);
            System.out.print("a".repeat(60));
            System.err.print("b".repeat(60));
            System.out.print("c".repeat(1000));
            router.end();
            router.begin("cell 2", false);
            System.out.print("fresh");
            router.end();
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
        String out = texts(sent, "stdout");
        String err = texts(sent, "stderr");
        assertEquals("a".repeat(60) + "fresh", out);
        assertTrue(err.startsWith("b".repeat(40) + "\n… output limit reached: this cell has printed 100 bytes"), err);
        assertTrue(err.endsWith("… output truncated: 1020 bytes more not shown (limit 100 bytes per cell; set"
                + " LAYERWISE_MAX_OUTPUT, e.g. LAYERWISE_MAX_OUTPUT=10M or 0 for no limit, before starting Jupyter)\n"), err);
    }

    private static String texts(List<Sent> sent, String stream) {
        StringBuilder sb = new StringBuilder();
        sent.stream().filter(s -> s.stream().equals(stream)).forEach(s -> sb.append(s.text()));
        return sb.toString();
    }
}
