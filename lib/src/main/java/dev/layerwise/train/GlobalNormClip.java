package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import java.util.List;

/**
 * Clipping by global norm, as PyTorch's {@code torch.nn.utils.clip_grad_norm_}: the L2 norm of all
 * the gradients taken as one vector, and every gradient multiplied by
 * {@code min(1, maxNorm / (norm + 1e-6))}. It stays on the device — no value is read back — so a
 * GPU is never made to wait; multiplying by exactly 1 leaves the gradients as they were.
 */
final class GlobalNormClip {
    /** Added to the norm before dividing, as PyTorch does. */
    static final double EPSILON = 1e-6;

    private GlobalNormClip() {}

    /**
     * Scales the gradients in place when their global norm exceeds {@code maxNorm}.
     *
     * @param gradients the gradients of every parameter that learns; the step's scope frees the temporaries
     * @param maxNorm the largest norm, above 0
     */
    static void apply(List<NDArray> gradients, double maxNorm) {
        if (gradients.isEmpty()) {
            return;
        }
        NDList squares = new NDList(gradients.size());
        for (NDArray g : gradients) {
            squares.add(g.square().sum());
        }
        NDArray norm = NDArrays.stack(squares).sum().sqrt();
        NDArray scale = NDArrays.div(maxNorm, norm.add(EPSILON)).minimum(1);
        for (NDArray g : gradients) {
            g.muli(scale);
        }
    }
}
