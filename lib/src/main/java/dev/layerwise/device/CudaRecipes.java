package dev.layerwise.device;

/**
 * The two ways to get CUDA natives for libtorch 2.7.1, as the commands that messages and the
 * README's GPU section give. Maven Central has no CUDA native jar for PyTorch 2.7.1 (its CUDA jars
 * stop at {@code pytorch-native-cu124} 2.5.1), while {@code pytorch-jni 2.7.1-0.35.1} already holds
 * the cu128 bridge ({@code jnilib/linux-x86_64/cu128/libdjl_torch.so}); only libtorch is missing.
 */
public final class CudaRecipes {
    /** The libtorch version pytorch-jni 2.7.1-0.35.1 is compiled against. */
    public static final String TORCH_VERSION = "2.7.1";
    /** The CUDA flavor DJL 0.35.1 has a bridge for. */
    public static final String CUDA_FLAVOR = "cu128";
    /** The libtorch zip with its CUDA libraries included. */
    public static final String LIBTORCH_ZIP =
            "https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip";

    /** Online, once: DJL downloads libtorch 2.7.1 cu128 into its cache; later starts need no network. */
    public static final String ONLINE = "LAYERWISE_TORCH=cu128 bin/layerwise notebook";

    /** Offline: point DJL at an installed libtorch 2.7.1 built for CUDA 12.8. */
    public static final String OFFLINE =
            "PYTORCH_LIBRARY_PATH=/path/to/libtorch/lib PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128 bin/layerwise notebook";

    private CudaRecipes() {}

    /** @return both recipes, each on its own indented line, for error messages */
    public static String both() {
        return "\n      online (downloads libtorch 2.7.1+cu128, a few GB, once into DJL's cache): " + ONLINE
                + "\n      offline (an installed libtorch 2.7.1+cu128: lib/ of " + LIBTORCH_ZIP
                + " unzipped, or torch/lib of 'pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128'): "
                + OFFLINE
                + "\n      (README, section GPU)";
    }
}
