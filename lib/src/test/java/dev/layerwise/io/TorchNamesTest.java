package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.nn.BatchNorm;
import dev.layerwise.nn.Net;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PyTorch names and modules of a net, without the engine. */
@Tag("unit")
class TorchNamesTest {
    @Test
    void eachLayerIsTheModuleAtItsIndexAndArraysKeepTheirShapes() {
        Net net = Net.input(784).dense(30).sigmoid().dense(10).named("out");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("dense_1.weight", "0.weight");
        expected.put("dense_1.bias", "0.bias");
        expected.put("out.weight", "2.weight");
        expected.put("out.bias", "2.bias");
        TorchNames names = TorchNames.of(net);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(names.toTorch().entrySet()), "in state_dict order");
        assertArrayEquals(new long[] {30, 784}, names.entries().get(0).shape(), "[out, in], as nn.Linear");
        assertEquals("2.weight", names.torch("out.weight"));
    }

    @Test
    void batchNormHasPyTorchsBufferNamesAndItsBatchCount() {
        Net net = Net.input(1, 8, 8).conv2d(4, 3).batchNorm().flatten().dense(5).batchNorm();
        List<String> torch = TorchNames.of(net).entries().stream().map(TorchNames.Entry::torch).toList();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "3.weight", "3.bias", "4.weight", "4.bias", "4.running_mean", "4.running_var",
                "4.num_batches_tracked"), torch);
        TorchNames.Entry count = TorchNames.of(net).entries().get(6);
        assertNull(count.layerwise(), "only PyTorch keeps a batch count");
        assertArrayEquals(new long[0], count.shape(), "a scalar, as in PyTorch");
        assertEquals("1.running_var", TorchNames.of(net).torch("batchnorm_1.runningVar"));
        assertArrayEquals(new long[] {4, 1, 3, 3}, TorchNames.of(net).entries().get(0).shape(), "[out, in, k, k]");
    }

    @Test
    void sequentialWritesEveryModuleWithTheSettingsThatDifferFromPyTorchsDefaults() {
        Net net = Net.input(3, 32, 32).conv2d(8, 5).batchNorm().relu().maxPool(2).conv2d(16, 3, 2, 1)
                .add(new BatchNorm(null, 0.01, 1e-3)).leakyRelu(0.2).avgPool(3, 2).dropout(0.25).flatten()
                .dense(20).batchNorm().elu().dense(10).elu(0.5).gelu().softplus().tanh().sigmoid();
        String expected = String.join("\n",
                "nn.Sequential(  # input [batch, 3, 32, 32]",
                "    nn.Conv2d(3, 8, 5),  # 0: conv2d_1",
                "    nn.BatchNorm2d(8),  # 1: batchnorm_1",
                "    nn.ReLU(),  # 2: relu_1",
                "    nn.MaxPool2d(2),  # 3: maxpool_1",
                "    nn.Conv2d(8, 16, 3, stride=2, padding=1),  # 4: conv2d_2",
                "    nn.BatchNorm2d(16, eps=0.001, momentum=0.01),  # 5: batchnorm_2",
                "    nn.LeakyReLU(0.2),  # 6: leakyrelu_1",
                "    nn.AvgPool2d(3, stride=2),  # 7: avgpool_1",
                "    nn.Dropout(0.25),  # 8: dropout_1",
                "    nn.Flatten(),  # 9: flatten_1",
                "    nn.Linear(144, 20),  # 10: dense_1",
                "    nn.BatchNorm1d(20),  # 11: batchnorm_3",
                "    nn.ELU(),  # 12: elu_1",
                "    nn.Linear(20, 10),  # 13: dense_2",
                "    nn.ELU(alpha=0.5),  # 14: elu_2",
                "    nn.GELU(),  # 15: gelu_1",
                "    nn.Softplus(),  # 16: softplus_1",
                "    nn.Tanh(),  # 17: tanh_1",
                "    nn.Sigmoid(),  # 18: sigmoid_1",
                ")");
        assertEquals(expected, TorchNames.sequential(net));
    }

    @Test
    void aResidualBlockIsOneModuleWhoseBodyAndShortcutCountTheirLayersFromZero() {
        Net net = Net.input(2, 8, 8).conv2d(4, 3, 1, 1).resBlock(8, 2)
                .residual(b -> b.conv2d(8, 3, 1, 1).relu()).globalAvgPool().dense(3);
        TorchNames names = TorchNames.of(net);
        assertEquals(List.of("0.weight", "0.bias", "1.body.0.weight", "1.body.0.bias", "1.body.1.weight",
                "1.body.1.bias", "1.body.1.running_mean", "1.body.1.running_var", "1.body.1.num_batches_tracked",
                "1.body.3.weight", "1.body.3.bias", "1.body.4.weight", "1.body.4.bias", "1.body.4.running_mean",
                "1.body.4.running_var", "1.body.4.num_batches_tracked", "1.shortcut.0.weight", "1.shortcut.0.bias",
                "1.shortcut.1.weight", "1.shortcut.1.bias", "1.shortcut.1.running_mean", "1.shortcut.1.running_var",
                "1.shortcut.1.num_batches_tracked", "3.body.0.weight", "3.body.0.bias", "5.weight", "5.bias"),
                names.entries().stream().map(TorchNames.Entry::torch).toList(), "state_dict order");
        assertEquals("1.shortcut.0.weight", names.torch("res_1.shortcut.conv2d_1.weight"));
        assertEquals("res_1.batchnorm_2", names.entries().get(11).layer(), "the inner layer's path");
        assertEquals(1, names.entries().get(11).index(), "and its block's index");
        String expected = String.join("\n",
                "nn.Sequential(  # input [batch, 2, 8, 8]",
                "    nn.Conv2d(2, 4, 3, padding=1),  # 0: conv2d_1",
                "    Residual(nn.Sequential(nn.Conv2d(4, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(),"
                        + " nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8)), nn.Sequential(nn.Conv2d(4, 8, 1, stride=2),"
                        + " nn.BatchNorm2d(8))),  # 1: res_1",
                "    nn.ReLU(),  # 2: relu_1",
                "    Residual(nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.ReLU())),  # 3: res_2",
                "    nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten()),  # 4: globalavgpool_1",
                "    nn.Linear(8, 3),  # 5: dense_1",
                ")");
        assertEquals(expected, TorchNames.sequential(net));
        String program = TorchNames.python(net);
        assertTrue(program.startsWith("import torch.nn as nn\n\n\nclass Residual(nn.Module):"), program);
        assertTrue(program.contains("return self.body(x) + self.shortcut(x)") && program.endsWith("model = "
                + expected + "\n"), program);
        assertEquals("import torch.nn as nn\n\nmodel = " + TorchNames.sequential(Net.input(3).dense(2)) + "\n",
                TorchNames.python(Net.input(3).dense(2)), "no class for a net without blocks");
    }

    @Test
    void theTableListsLayerwiseAndPyTorchNamesSideBySide() {
        String table = TorchNames.of(Net.input(4).dense(3).batchNorm()).toString();
        assertTrue(table.contains("dense_1.weight") && table.contains("0.weight") && table.contains("[3, 4]"), table);
        assertTrue(table.contains("(PyTorch only)") && table.contains("1.num_batches_tracked"), table);
        assertTrue(table.endsWith("    nn.BatchNorm1d(3),  # 1: batchnorm_1\n)"), "ends with the source: " + table);
    }

    @Test
    void aLayerWithoutAPyTorchEquivalentIsRefusedByName() {
        Net net = Net.input(4).add(new TorchForeignLayer("twice")).dense(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchNames.of(net));
        assertTrue(e.getMessage().contains("'twice'") && e.getMessage().contains("no PyTorch equivalent")
                && e.getMessage().contains("Dense, Conv2d, BatchNorm"), e.getMessage());
    }

    @Test
    void anUnknownLayerwiseNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchNames.of(Net.input(4).dense(3)).torch("dense_9.weight"));
        assertTrue(e.getMessage().contains("dense_9.weight") && e.getMessage().contains("dense_1.bias"), e.getMessage());
    }
}
