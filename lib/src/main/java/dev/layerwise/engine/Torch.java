package dev.layerwise.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.training.GradientCollector;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PyTorch-specific calls the library makes, as plain static methods over DJL's general
 * {@link NDArray}. Arrays must come from the PyTorch engine (every array the library makes does).
 */
public final class Torch {
    /** The name DJL registers the PyTorch engine under. */
    public static final String ENGINE = "PyTorch";
    /** Maven's group and artifact of libtorch's CPU build for DJL, for messages that say what to add. */
    public static final String NATIVE_CPU_ARTIFACT = "ai.djl.pytorch:pytorch-native-cpu";

    /** The seed gradients of {@link #backward}: one scalar per device and type, for the process's life. */
    private static final Map<String, NDArray> SEEDS = new ConcurrentHashMap<>();

    private Torch() {}

    /**
     * Records the operations of a forward pass for one backward pass, like PyTorch's autograd tape.
     *
     * @return the collector; close it after {@code backward}
     */
    public static GradientCollector gradientCollector() {
        return Engine.getEngine(ENGINE).newGradientCollector();
    }

    /**
     * Back-propagates a scalar loss into the gradients of every array that requires one, as
     * {@code loss.backward()}; the seed gradient (a scalar one) is made once per device and type
     * instead of once per step.
     *
     * @param loss a scalar (shape {@code []}) result of recorded operations
     */
    public static void backward(NDArray loss) {
        if (!loss.getShape().isScalar()) {
            throw new IllegalArgumentException("backward: the loss must be a scalar, got shape " + loss.getShape()
                    + "; reduce it with mean() or sum() first.");
        }
        NDArray seed = SEEDS.computeIfAbsent(loss.getDevice() + "/" + loss.getDataType(), k -> {
            NDArray one = SeedManager.MANAGER.ones(new Shape(), loss.getDataType()).toDevice(loss.getDevice(), false);
            NDScope.unregister(one); // kept for the process, not freed with the step that made it
            return one;
        });
        JniUtils.backward(pt(loss), pt(seed), false, false);
    }

    /** @return whether autograd records operations on this thread */
    public static boolean gradMode() {
        return JniUtils.isGradMode();
    }

    /**
     * Turns autograd off on this thread until the returned scope closes, as {@code torch.no_grad()}.
     *
     * @return the scope; closing it restores the previous mode
     */
    public static NoGrad noGrad() {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(previous);
    }

    /** Autograd off while open; closing never throws. */
    @FunctionalInterface
    public interface NoGrad extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Clears a parameter's accumulated gradient in place, as {@code param.grad.zero_()}.
     *
     * @param parameter an array that requires a gradient
     */
    public static void zeroGrad(NDArray parameter) {
        JniUtils.zeroGrad(pt(parameter));
    }

    /**
     * One fused, in-place Adam (or AdamW) step on a weight and its two moment estimates.
     *
     * @param weight updated in place
     * @param gradient the weight's gradient
     * @param mean the first-moment estimate, updated in place
     * @param variance the second-moment estimate, updated in place
     * @param lr the learning rate
     * @param correctedLr the rate with both bias corrections folded in
     * @param weightDecay decoupled weight decay (AdamW), 0 for Adam
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param epsilon added to the denominator
     * @param decoupled true for AdamW
     */
    public static void adamUpdate(NDArray weight, NDArray gradient, NDArray mean, NDArray variance, float lr,
            float correctedLr, float weightDecay, float beta1, float beta2, float epsilon, boolean decoupled) {
        JniUtils.adamUpdate(pt(weight), pt(gradient), pt(mean), pt(variance), lr, correctedLr, weightDecay, 1f, -1f,
                beta1, beta2, epsilon, decoupled);
    }

    /**
     * {@code a *= value} in place, with a reused scalar operand: one native call instead of DJL's
     * four for {@code a.muli(value)}, and the same result to the bit.
     *
     * @param a updated in place
     * @param value the factor
     * @return {@code a}
     */
    public static NDArray muli(NDArray a, double value) {
        return a.muli(scalar(value, a));
    }

    /**
     * {@code a += value} in place, with a reused scalar operand (see {@link #muli(NDArray, double)}).
     *
     * @param a updated in place
     * @param value the addend
     * @return {@code a}
     */
    public static NDArray addi(NDArray a, double value) {
        return a.addi(scalar(value, a));
    }

    /**
     * A scalar of this value on {@code like}'s device (float32 for a float32 {@code like}, else
     * float64), cached per thread for reuse as an operand; never close it.
     *
     * @param value the value
     * @param like an array on the device wanted
     * @return the shared scalar
     */
    public static NDArray scalar(double value, NDArray like) {
        return Scalars.of(value, like.getDataType(), like.getDevice(), SeedManager.MANAGER);
    }

    /**
     * Entries {@code from} (inclusive) to {@code to} (exclusive) of dimension 0, as a view: one native
     * call, where DJL's {@code get(NDIndex)} builds and frees a native index (four calls).
     *
     * @param a the array
     * @param from the first entry
     * @param to one past the last entry
     * @return the view
     */
    public static NDArray slice(NDArray a, long from, long to) {
        return JniUtils.slice(pt(a), 0, from, to, 1);
    }

    /**
     * The arrays' values one after another in one flat array (a native copy), so that they can be
     * read back to Java in one transfer instead of one per array.
     *
     * @param arrays arrays of one type on one device, in order
     * @return a new 1-D array of all their values
     */
    public static NDArray flatConcat(java.util.List<NDArray> arrays) {
        PtNDArray[] flat = new PtNDArray[arrays.size()];
        try (NoGrad ignored = noGrad()) { // parameters require gradients: record nothing
            for (int i = 0; i < flat.length; i++) {
                PtNDArray a = pt(arrays.get(i));
                flat[i] = a.getShape().dimension() == 1 ? a : JniUtils.flatten(a, 0, -1);
            }
            return JniUtils.cat(flat, 0);
        } finally {
            for (int i = 0; i < flat.length; i++) {
                if (flat[i] != null && flat[i] != arrays.get(i)) {
                    flat[i].close(); // views, freed at once rather than with the step
                }
            }
        }
    }

    /**
     * Rows of a 2-D table picked by an index vector, as an embedding lookup ({@code index_select}
     * on dimension 0): much faster than DJL's general advanced indexing for a batch of rows.
     *
     * @param rowIndex int64 row numbers
     * @param table [rows, columns]
     * @return [picked rows, columns]
     */
    public static NDArray rows(NDArray rowIndex, NDArray table) {
        return JniUtils.embedding(pt(rowIndex), pt(table), false);
    }

    /**
     * Seeds libtorch's generator (dropout masks and other random operations).
     *
     * @param seed any value
     */
    public static void seed(long seed) {
        JniUtils.setSeed(seed);
    }

    /**
     * Sets libtorch's intra-op thread count.
     *
     * @param n at least 1
     */
    public static void threads(int n) {
        JniUtils.setNumThreads(n);
    }

    /** @return libtorch's intra-op thread count */
    public static int threads() {
        return JniUtils.getNumThreads();
    }

    /**
     * The folder libtorch was loaded from.
     *
     * @return the folder
     * @throws RuntimeException or {@link LinkageError} when DJL cannot say (another engine)
     */
    public static Path libtorchFolder() {
        return Path.of(LibUtils.getLibtorchPath());
    }

    /** Made on first use, so that touching this class does not load the engine. */
    private static final class SeedManager {
        static final NDManager MANAGER = NDManager.newBaseManager(Device.cpu(), ENGINE);
    }

    private static PtNDArray pt(NDArray a) {
        if (a instanceof PtNDArray p) {
            return p;
        }
        throw new IllegalArgumentException("'" + a.getName() + "' is an array of the " + a.getManager().getEngine()
                .getEngineName() + " engine; Layerwise trains on PyTorch arrays only. Make it with a manager of the"
                + " PyTorch engine (every array the library hands out is one).");
    }
}
