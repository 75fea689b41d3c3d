package dev.layerwise.io;

import dev.layerwise.nn.Shapes;

import java.util.Set;

/**
 * One array as a weight file's header describes it, read before any value is.
 *
 * @param name its name, e.g. {@code 0.weight}
 * @param dtype its element type in safetensors' words: {@code F32}, {@code F64}, {@code F16},
 *              {@code I64}, {@code I32}, {@code I16}, {@code I8}, {@code U8}, {@code BOOL}
 * @param shape its shape
 */
record TorchArray(String name, String dtype, long[] shape) {
    /**
     * Types DJL 0.35.1 names but its PyTorch engine cannot make arrays of: creating one ends the
     * process ("terminate called without an active exception"), so files holding them are refused
     * before decoding.
     */
    static final Set<String> UNREADABLE = Set.of("BF16", "I16");

    /** @return whether its values are floating point, which weights must be */
    boolean floating() {
        return dtype.startsWith("F");
    }

    /** @return bytes per element */
    static int bytes(String dtype) {
        switch (dtype) {
            case "F64":
            case "I64":
                return 8;
            case "F32":
            case "I32":
                return 4;
            case "F16":
            case "BF16":
            case "I16":
                return 2;
            case "I8":
            case "U8":
            case "BOOL":
                return 1;
            default:
                return -1;
        }
    }

    @Override
    public String toString() {
        return name + " " + Shapes.format(shape) + " " + dtype;
    }
}
