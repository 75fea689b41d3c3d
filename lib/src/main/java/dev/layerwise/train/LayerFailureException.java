package dev.layerwise.train;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.nn.Shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A layer failed inside libtorch while running forward: the native error, translated into the
 * layer's name and position, the input shape it expects, the shape it got and the shapes of its
 * arrays. The libtorch error is the cause. The early checks make this rare; when it happens the
 * arrays or the input differ from what the net's specification says (values set by hand, a batch
 * of another type or device).
 */
public final class LayerFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int index;
    private final String layer;
    private final long[] expected;
    private final long[] actual;

    private LayerFailureException(String message, int index, String layer, long[] expected, long[] actual,
            EngineException cause) {
        super(message, cause);
        this.index = index;
        this.layer = layer;
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * Describes the failure of layer {@code index} of {@code net}.
     *
     * @param net the net
     * @param index the failing layer's position, from 0
     * @param input the batch the layer received
     * @param arrays the arrays by full name, e.g. {@code dense_1.weight}
     * @param cause the libtorch error
     * @return the exception, to throw
     */
    static LayerFailureException of(Net net, int index, NDArray input, Function<String, NDArray> arrays,
            EngineException cause) {
        Layer l = net.layers().get(index);
        long[] expected = Shapes.batched(-1, net.inputShapeOf(index));
        long[] actual = input.getShape().getShape();
        List<String> owned = new ArrayList<>();
        String expectedType = "float32"; // what the library creates weights and batches as
        for (ParamSpec p : net.parametersOf(index)) {
            NDArray a = arrays.apply(p.name());
            if (a != null && owned.isEmpty()) {
                expectedType = a.getDataType().toString(); // the layer computes in its weights' type
            }
            String shape = a == null ? "missing" : Shapes.format(a.getShape().getShape());
            String spec = Shapes.format(p.shape());
            owned.add(p.name().substring(l.name().length() + 1) + " " + shape
                    + (shape.equals(spec) ? "" : " (the net specifies " + spec + ")"));
        }
        String settings = l.settings().isEmpty() ? "" : " " + l.settings();
        String message = l.name() + " (layer " + index + " of " + net.layers().size() + ", counting from 0; "
                + l.kind() + settings + ") failed inside libtorch: " + firstLine(cause.getMessage())
                + ". It expects input " + Shapes.format(expected).replace("-1", "batch") + " " + expectedType
                + " and got " + Shapes.format(actual) + " " + input.getDataType() + " on " + input.getDevice()
                + (owned.isEmpty() ? "" : "; its arrays: " + String.join(", ", owned)) + ". The input passed the"
                + " shape checks, so the layer's arrays or the input's type or device differ from what the net"
                + " specifies: compare the shapes above, and check values set with parameter(...) or batches passed"
                + " to predict(...). The libtorch error is the cause.";
        return new LayerFailureException(message, index, l.name(), expected, actual, cause);
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        String line = s.strip().lines().findFirst().orElse(s).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    /** @return the failing layer's position in the net, from 0 */
    public int layerIndex() {
        return index;
    }

    /** @return the failing layer's name, e.g. {@code dense_2} */
    public String layer() {
        return layer;
    }

    /** @return the batch shape the layer expects, with -1 for the batch size */
    public long[] expectedInput() {
        return expected.clone();
    }

    /** @return the batch shape the layer received */
    public long[] actualInput() {
        return actual.clone();
    }
}
