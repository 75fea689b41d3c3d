package dev.layerwise.train;

import static dev.layerwise.ErrorMessages.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * A real libtorch error during forward comes back as a Java error naming the layer, its expected
 * and actual input shapes and its arrays, with the native error as the cause; the learner is left
 * as it was. The error is provoked by giving a layer a weight of the wrong shape through the
 * model's test hook: every public path checks shapes first, so this is how one still reaches
 * libtorch.
 */
@Tag("engine")
class NativeErrorTest {

    @Test
    void aLibtorchErrorInForwardNamesTheLayerItsShapesAndKeepsTheNativeCause() {
        Learner learner = Learner.of(Net.input(4).dense(8).relu().dense(3), Datasets.blobs(60, 3, 4, 1.0, 1)
                .batchSize(10).shuffle(false)).quiet();
        learner.fit(1);
        Map<String, float[]> before = learner.parameters();
        long step = learner.step();
        int steps = learner.history().steps().size();

        Model model = learner.state().model();
        NDArray wrong = learner.state().manager().zeros(new Shape(3, 9)); // dense_2.weight is [3, 8]
        NDArray original = model.replaceArray("dense_2.weight", wrong);

        LayerFailureException e = assertThrows(LayerFailureException.class, () -> learner.fit(1));
        EngineException nativeError = assertInstanceOf(EngineException.class, e.getCause());
        assertTrue(nativeError.getMessage().contains("mat1 and mat2"), "a real libtorch message: " + nativeError);
        assertEquals("dense_2", e.layer());
        assertEquals(2, e.layerIndex());
        assertArrayEquals(new long[] {-1, 8}, e.expectedInput());
        assertArrayEquals(new long[] {10, 8}, e.actualInput());
        assertMentions(e, "dense_2 (layer 2 of 3", "Dense 3 units", "failed inside libtorch", "mat1 and mat2",
                "expects input [batch, 8]", "got [10, 8]", "weight [3, 9] (the net specifies [3, 8])", "bias [3]");

        // the inference paths go through the same forward and fail the same way
        LayerFailureException inPredict = assertThrows(LayerFailureException.class,
                () -> learner.predict(new float[] {1, 2, 3, 4}));
        assertArrayEquals(new long[] {1, 8}, inPredict.actualInput());
        assertThrows(LayerFailureException.class, learner::evaluate);

        model.replaceArray("dense_2.weight", original);
        wrong.close();
        assertEquals(step, learner.step(), "the failed fit made no step");
        assertEquals(steps, learner.history().steps().size(), "and recorded none");
        for (Map.Entry<String, float[]> p : learner.parameters().entrySet()) {
            assertArrayEquals(before.get(p.getKey()), p.getValue(), p.getKey() + " unchanged");
        }
        learner.fit(1);
        assertEquals(step + 5, learner.step(), "trains normally afterwards");
    }
}
