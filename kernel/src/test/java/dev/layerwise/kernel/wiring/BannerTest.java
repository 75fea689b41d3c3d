package dev.layerwise.kernel.wiring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.device.DeviceReport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The kernel_info banner names the natives before the engine loads, and the devices after. */
@Tag("engine")
class BannerTest {
    @Test
    void beforeTheEngineLoadsItSaysWhereLibtorchWillComeFrom() {
        String text = new Banner(() -> false).text();
        assertTrue(text.contains("libtorch from the pytorch-native-cpu jar") && text.contains("loading in the background"),
                text);
    }

    @Test
    void afterTheEngineLoadsItNamesNativesAndTheGpuOrWhyThereIsNone() {
        Layerwise.engine();
        Banner banner = new Banner(() -> true);
        assertTrue(banner.text().contains("devices: being listed"), "kernel_info does not wait for the device report");
        banner.listDevices();
        String text = banner.text();
        DeviceReport report = Layerwise.deviceReport();
        assertTrue(text.contains("PyTorch 2.7.1") && text.contains("natives "), text);
        String gpuLine = report.gpuUsable() ? "GPU: gpu(0) " + report.gpus().get(0).name()
                : "GPU: none usable (" + report.whyNoGpu() + ")";
        assertTrue(text.contains(gpuLine), "expected '" + gpuLine + "' in " + text);
    }
}
