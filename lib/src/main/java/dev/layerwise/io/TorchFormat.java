package dev.layerwise.io;

import ai.djl.ndarray.NDList;

import java.nio.file.Path;
import java.util.Locale;

/** The two weight formats PyTorch users exchange, told apart by the file's extension. */
enum TorchFormat {
    /** Hugging Face's safetensors: an 8-byte header length, a JSON header, the raw little-endian arrays. */
    SAFETENSORS(".safetensors", NDList.Encoding.SAFETENSORS),
    /** NumPy's {@code .npz}: a zip archive of {@code .npy} arrays, as {@code np.savez} writes it. */
    NPZ(".npz", NDList.Encoding.NPZ);

    private final String extension;
    private final NDList.Encoding encoding;

    TorchFormat(String extension, NDList.Encoding encoding) {
        this.extension = extension;
        this.encoding = encoding;
    }

    /** @return e.g. {@code .npz} */
    String extension() {
        return extension;
    }

    /** @return DJL's encoding of this format */
    NDList.Encoding encoding() {
        return encoding;
    }

    /**
     * The format a file's name asks for.
     *
     * @param call the public call, for the message, e.g. {@code TorchWeights.save}
     * @param file the file
     * @return its format
     * @throws IllegalArgumentException for a null path or another extension
     */
    static TorchFormat of(String call, Path file) {
        if (file == null) {
            throw new IllegalArgumentException(call + "(learner, null): expected a file ending in .safetensors or .npz,"
                    + " e.g. Path.of(\"model.safetensors\").");
        }
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        for (TorchFormat f : values()) {
            if (lower.endsWith(f.extension) && lower.length() > f.extension.length()) {
                return f;
            }
        }
        throw new IllegalArgumentException(call + "(learner, " + file + "): the format comes from the extension, which"
                + " must be .safetensors or .npz" + (lower.endsWith(".pt") || lower.endsWith(".pth")
                        ? "; .pt/.pth files are Python pickles, which Layerwise does not read or write: save"
                        + " PyTorch weights with safetensors or np.savez instead" : "") + ".");
    }
}
