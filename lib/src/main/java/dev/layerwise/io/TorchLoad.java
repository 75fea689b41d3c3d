package dev.layerwise.io;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link TorchWeights#load} did: which arrays it overwrote, which it converted to float32,
 * which it ignored.
 *
 * @param file the file read
 * @param format {@code .safetensors} or {@code .npz}
 * @param loaded the Layerwise names overwritten, in {@code state_dict} order
 * @param converted PyTorch name → the element type it had in the file, for arrays that were not float32
 * @param ignored PyTorch names in the file that Layerwise does not keep ({@code num_batches_tracked})
 */
public record TorchLoad(Path file, String format, List<String> loaded, Map<String, String> converted,
        List<String> ignored) implements Displayable {

    /** @return one line on the arrays converted to float32, by their type in the file, or an empty string */
    public String conversionNote() {
        if (converted.isEmpty()) {
            return "";
        }
        Map<String, List<String>> byType = new TreeMap<>();
        converted.forEach((name, type) -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(name));
        List<String> parts = new ArrayList<>();
        byType.forEach((type, names) -> parts.add(names.size() + " from " + type + " (" + String.join(", ",
                names.subList(0, Math.min(names.size(), 6))) + (names.size() > 6 ? ", …" : "") + ")"));
        return "TorchWeights.load converted " + String.join(" and ", parts) + " to float32, Layerwise's type"
                + (byType.containsKey("F64") ? "; float64 values were rounded to the nearest float32." : ".");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Loaded " + loaded.size() + " array" + (loaded.size() == 1 ? "" : "s")
                + " from " + file + " (" + format + "): " + String.join(", ", loaded) + ".");
        if (!converted.isEmpty()) {
            s.append('\n').append(conversionNote());
        }
        if (!ignored.isEmpty()) {
            s.append("\nIgnored ").append(String.join(", ", ignored)).append(" (PyTorch's count of training batches;"
                    + " Layerwise's batch norm always uses its momentum).");
        }
        return s.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
