package dev.layerwise.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A net's specification saves as readable JSON and reads back as the same net, numbers exact. */
@Tag("unit")
class NetJsonTest {
    /** Every layer type, default and own initializers, awkward numbers that a rounded text would lose. */
    static final Net NET = Net.input(1, 12, 12).conv2d(4, 3).batchNorm().relu().maxPool(2).conv2d(6, 3, 1, 1)
            .leakyRelu(0.013).avgPool(2).flatten().dropout(0.1234567).dense(17).elu(0.7).dense(9).gelu()
            .dense(5).softplus().dense(3).tanh().dense(2).sigmoid()
            .init(Init.normal(0, 0.0357142857142857)).biasInit(Init.uniform(-0.01, 0.0123456789))
            .init("dense_2", Init.sparse(3)).init("dense_3", Init.he()).init("conv2d_1", Init.constant(0.1 / 3))
            .init("dense_4", Init.glorotStandard());

    @Test
    void aNetReadBackIsTheSameNet(@TempDir Path dir) throws IOException {
        Path file = NET.save(dir.resolve("net.json"));
        Net back = Net.load(file);
        assertEquals(NET.layers(), back.layers(), "every layer record, names and settings included");
        assertEquals(NET.summary().toString(), back.summary().toString());
        assertEquals(NetJson.write(NET), NetJson.write(back), "and it writes the same JSON again");
        String json = Files.readString(file);
        assertTrue(json.contains("\"type\": \"Conv2d\"") && json.contains("\"name\": \"dense_2\"")
                && json.contains("0.0357142857142857"), json);
    }

    @Test
    void theSameSeedDrawsTheSameFirstWeightsFromTheReadBackNet() {
        Net back = NetJson.read(NetJson.write(NET));
        for (ParamSpec p : NET.parameters()) {
            float[] a = new float[Math.toIntExact(p.size())];
            float[] b = new float[a.length];
            p.init().fill(a, p, new java.util.Random(7));
            ParamSpec q = back.parameters().stream().filter(x -> x.name().equals(p.name())).findFirst().orElseThrow();
            q.init().fill(b, q, new java.util.Random(7));
            assertTrue(java.util.Arrays.equals(a, b), p.name() + " " + p.init() + " vs " + q.init());
        }
    }

    @Test
    void aFileThatIsNotASpecificationSaysHowToMakeOne(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.json"), "[1, 2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Net.load(notes));
        assertTrue(e.getMessage().contains("notes.json") && e.getMessage().contains("net.save(path)"), e.getMessage());
    }
}
