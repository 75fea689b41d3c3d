package dev.layerwise.io;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.nn.Shapes;

import java.util.ArrayList;
import java.util.Collections;
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
 */
public final class TorchNames implements Displayable {
    /**
     * One entry of the module's {@code state_dict}.
     *
     * @param index the module's index in the {@code nn.Sequential}, equal to the layer's index
     * @param layer the Layerwise layer's name
     * @param module the module as Python source
     * @param layerwise the array's Layerwise name, e.g. {@code dense_1.weight}, or {@code null} for
     *                  {@code num_batches_tracked}, which only PyTorch keeps
     * @param torch its PyTorch name, e.g. {@code 0.weight}
     * @param shape its shape, the same on both sides ({@code []} for {@code num_batches_tracked})
     */
    public record Entry(int index, String layer, String module, String layerwise, String torch, long[] shape) {}

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
            TorchModule m = TorchModule.of(layer, net.inputShapeOf(i));
            modules.add(m.source());
            for (ParamSpec p : net.parametersOf(i)) {
                String own = p.name().substring(layer.name().length() + 1);
                entries.add(new Entry(i, layer.name(), m.source(), p.name(), i + "." + m.params().get(own), p.shape()));
            }
            if (m.countsBatches()) {
                entries.add(new Entry(i, layer.name(), m.source(), null, i + "." + TorchModule.BATCH_COUNT, new long[0]));
            }
        }
        return new TorchNames(List.copyOf(entries), List.copyOf(modules), net.layerNames(),
                Shapes.format(Shapes.batched(-1, net.inputShape())).replace("-1", "batch"));
    }

    /**
     * The Python source of the {@code nn.Sequential} that computes what the net computes, with
     * {@code import torch.nn as nn} assumed; paste it into Python and load the weights with
     * {@code load_state_dict}.
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
        return s.append(sequential()).toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
