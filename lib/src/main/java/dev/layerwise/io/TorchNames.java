package dev.layerwise.io;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.nn.Residual;
import dev.layerwise.nn.Shapes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a net's weights have in PyTorch: each layer is one module of the equivalent
 * {@code nn.Sequential}, at the layer's index, so {@code dense_1.weight} of the first layer is
 * {@code 0.weight}, and batch norm's {@code gamma}, {@code beta}, {@code runningMean} and
 * {@code runningVar} are {@code weight}, {@code bias}, {@code running_mean} and
 * {@code running_var}. Use it to see the mapping, or to get the Python source of the model:
 * <pre>{@code
 * TorchNames.of(net)            // the table: layer, module, Layerwise name, PyTorch name, shape
 * TorchNames.sequential(net)    // "nn.Sequential(nn.Linear(784, 30), nn.Sigmoid(), ...)" to paste into Python
 * }</pre>
 * Shapes are the same on both sides, so no array is transposed: dense weights are [out, in] and
 * conv kernels [out, in, k, k] in both.
 *
 * <p>A residual block is one module, {@code Residual(body, shortcut)} (the class
 * {@link #RESIDUAL_CLASS}, which {@link #python()} defines), its body and shortcut each an
 * {@code nn.Sequential} counting its layers from 0. So in a block at index 3,
 * {@code res_1.conv2d_1.weight} is {@code 3.body.0.weight} and {@code res_1.shortcut.conv2d_1.weight}
 * is {@code 3.shortcut.0.weight}; an identity shortcut has no arrays.
 */
public final class TorchNames implements Displayable {
    /**
     * One entry of the module's {@code state_dict}.
     *
     * @param index the module's index in the {@code nn.Sequential}, equal to the layer's index (for a
     *              layer inside a block, the block's)
     * @param layer the Layerwise layer's name, or its path inside a block ({@code res_1.conv2d_1})
     * @param module the module as Python source
     * @param layerwise the array's Layerwise name, e.g. {@code dense_1.weight}, or {@code null} for
     *                  {@code num_batches_tracked}, which only PyTorch keeps
     * @param torch its PyTorch name, e.g. {@code 0.weight}
     * @param shape its shape, the same on both sides ({@code []} for {@code num_batches_tracked})
     */
    public record Entry(int index, String layer, String module, String layerwise, String torch, long[] shape) {}

    /** The PyTorch module a residual block becomes; {@link #python()} defines it before the model. */
    public static final String RESIDUAL_CLASS = """
            class Residual(nn.Module):
                \"""A Layerwise residual block: body(x) + shortcut(x); without a shortcut, body(x) + x.\"""

                def __init__(self, body, shortcut=None):
                    super().__init__()
                    self.body = body
                    self.shortcut = shortcut if shortcut is not None else nn.Identity()

                def forward(self, x):
                    return self.body(x) + self.shortcut(x)
            """;

    private final List<Entry> entries;
    private final List<String> modules;
    private final List<String> layers;
    private final String input;

    private TorchNames(List<Entry> entries, List<String> modules, List<String> layers, String input) {
        this.entries = entries;
        this.modules = modules;
        this.layers = layers;
        this.input = input;
    }

    /**
     * The PyTorch names of a net's arrays.
     *
     * @param net the net
     * @return the mapping
     * @throws IllegalArgumentException when a layer has no PyTorch equivalent (a custom {@code Layer})
     */
    public static TorchNames of(Net net) {
        if (net == null) {
            throw new IllegalArgumentException("TorchNames.of(null): expected a net, e.g. TorchNames.of(learner.net()).");
        }
        List<Entry> entries = new ArrayList<>();
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < net.layers().size(); i++) {
            Layer layer = net.layers().get(i);
            modules.add(TorchModule.of(layer, net.inputShapeOf(i)).source());
            Map<String, long[]> shapes = new HashMap<>();
            net.parametersOf(i).forEach(p -> shapes.put(p.name(), p.shape()));
            addEntries(entries, i, layer, net.inputShapeOf(i), layer.name(), i + ".", shapes);
        }
        return new TorchNames(List.copyOf(entries), List.copyOf(modules), net.layerNames(),
                Shapes.format(Shapes.batched(-1, net.inputShape())).replace("-1", "batch"));
    }

    /** One layer's entries under its path and PyTorch prefix; a block's are its layers'. */
    private static void addEntries(List<Entry> entries, int index, Layer layer, long[] in, String path, String torch,
            Map<String, long[]> shapes) {
        if (layer instanceof Residual r) {
            addAll(entries, index, r.body(), path + ".", torch + "body.", shapes);
            addAll(entries, index, r.shortcut(), path + ".shortcut.", torch + "shortcut.", shapes);
            return;
        }
        TorchModule m = TorchModule.of(layer, in);
        for (ParamSpec p : layer.params(in)) {
            String name = path + "." + p.name();
            entries.add(new Entry(index, path, m.source(), name, torch + m.params().get(p.name()), shapes.get(name)));
        }
        if (m.countsBatches()) {
            entries.add(new Entry(index, path, m.source(), null, torch + TorchModule.BATCH_COUNT, new long[0]));
        }
    }

    private static void addAll(List<Entry> entries, int index, Net inner, String path, String torch,
            Map<String, long[]> shapes) {
        for (int j = 0; j < inner.layers().size(); j++) {
            Layer l = inner.layers().get(j);
            addEntries(entries, index, l, inner.inputShapeOf(j), path + l.name(), torch + j + ".", shapes);
        }
    }

    /**
     * A Python program that builds the model: {@code import torch.nn as nn}, the class
     * {@link #RESIDUAL_CLASS} when the net has residual blocks, and {@code model = } the
     * {@link #sequential()}.
     *
     * @param net the net
     * @return the program, to save as a {@code .py} file or {@code exec} in Python
     */
    public static String python(Net net) {
        return of(net).python();
    }

    /** @return the program that builds the model as {@code model}; see {@link #python(Net)} */
    public String python() {
        return "import torch.nn as nn\n\n" + (hasBlocks() ? "\n" + RESIDUAL_CLASS + "\n\n" : "") + "model = "
                + sequential() + "\n";
    }

    private boolean hasBlocks() {
        return modules.stream().anyMatch(m -> m.startsWith("Residual("));
    }

    /**
     * The Python source of the {@code nn.Sequential} that computes what the net computes, with
     * {@code import torch.nn as nn} assumed; paste it into Python and load the weights with
     * {@code load_state_dict}. A net with residual blocks also needs the class {@link #RESIDUAL_CLASS}:
     * {@link #python(Net)} gives both.
     *
     * @param net the net
     * @return e.g. {@code nn.Sequential(nn.Linear(784, 30), nn.Sigmoid(), nn.Linear(30, 10))}, one module per line
     */
    public static String sequential(Net net) {
        return of(net).sequential();
    }

    /** @return the {@code nn.Sequential} source, one module per line with its layer's name as a comment */
    public String sequential() {
        StringBuilder s = new StringBuilder("nn.Sequential(  # input " + input + "\n");
        for (int i = 0; i < modules.size(); i++) {
            s.append("    ").append(modules.get(i)).append(",  # ").append(i).append(": ").append(layers.get(i))
                    .append('\n');
        }
        return s.append(")").toString();
    }

    /** @return every entry of the module's {@code state_dict}, in its order */
    public List<Entry> entries() {
        return entries;
    }

    /** @return Layerwise name → PyTorch name, in {@code state_dict} order ({@code num_batches_tracked} has none) */
    public Map<String, String> toTorch() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.layerwise() != null) {
                out.put(e.layerwise(), e.torch());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The PyTorch name of one array.
     *
     * @param layerwise e.g. {@code dense_1.weight}
     * @return e.g. {@code 0.weight}
     */
    public String torch(String layerwise) {
        String t = toTorch().get(layerwise);
        if (t == null) {
            throw new IllegalArgumentException("No parameter '" + layerwise + "'. Parameters: " + toTorch().keySet() + ".");
        }
        return t;
    }

    /** @return the table: index, module, Layerwise name, PyTorch name, shape */
    @Override
    public String toString() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "PyTorch module", "Layerwise", "PyTorch", "shape"});
        for (Entry e : entries) {
            rows.add(new String[] {String.valueOf(e.index()), e.module(),
                    e.layerwise() == null ? "(PyTorch only)" : e.layerwise(), e.torch(), Shapes.format(e.shape())});
        }
        int[] widths = new int[5];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        StringBuilder s = new StringBuilder("Weights in PyTorch: module i of the nn.Sequential is layer i\n");
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                s.append(c == r.length - 1 ? r[c] : String.format("%-" + (widths[c] + 2) + "s", r[c]));
            }
            s.append('\n');
        }
        if (entries.isEmpty()) {
            s.append("(no layer has weights)\n");
        }
        return s.append(hasBlocks() ? python() : sequential()).toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
