package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks arrays read from a file against a model before any of them is used: names, shapes, nothing missing. */
final class WeightCheck {
    private WeightCheck() {}

    /** Every array of the model is in the file with its shape, and the file has no others. */
    static void requireComplete(Path file, Model model, NDList arrays) {
        Set<String> missing = new LinkedHashSet<>(model.arrays().keySet());
        List<String> unknown = new ArrayList<>();
        for (NDArray a : arrays) {
            NDArray mine = model.arrays().get(a.getName());
            if (mine == null) {
                unknown.add(a.getName());
                continue;
            }
            missing.remove(a.getName());
            if (!mine.getShape().equals(a.getShape())) {
                String layer = a.getName().substring(0, a.getName().lastIndexOf('.'));
                throw new IllegalArgumentException(file + ": " + a.getName() + " has shape " + a.getShape() + " in the"
                        + " file but " + mine.getShape() + " in the net (layer " + layer + "). The file was saved from a"
                        + " different net; load it with the net it was saved with (its specification is in the file).");
            }
        }
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": the file's weights do not match the net: "
                    + (missing.isEmpty() ? "" : "missing " + missing + (unknown.isEmpty() ? "" : "; "))
                    + (unknown.isEmpty() ? "" : "not in the net " + unknown) + ". The net has "
                    + model.arrays().keySet() + ".");
        }
    }

    /** An optimizer slot belongs to a trainable parameter and has its shape. */
    static void requireKnown(Path file, Model model, String parameter, NDArray slot) {
        NDArray weight = model.trainable().get(parameter);
        if (weight == null) {
            throw new IllegalArgumentException(file + ": optimizer state '" + slot.getName() + "' is for '" + parameter
                    + "', which is not a trainable parameter of the net " + model.trainable().keySet() + ".");
        }
        if (!weight.getShape().equals(slot.getShape())) {
            throw new IllegalArgumentException(file + ": optimizer state '" + slot.getName() + "' has shape "
                    + slot.getShape() + " but " + parameter + " has " + weight.getShape() + ".");
        }
    }
}
