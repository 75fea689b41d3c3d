package dev.layerwise.kernel.wiring;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.train.Checkpoints;
import dev.layerwise.device.NativeSetup;
import dev.layerwise.kernel.log.Log;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * The {@code kernel_info} banner. Before the engine has loaded it is built from the versions the
 * kernel was packaged with, so answering never waits for PyTorch; afterwards it is
 * {@link Layerwise#info()}, which adds the natives and the live thread count, and a line from the
 * device report, once {@link #listDevices()} has made it: the GPU with its memory, CUDA and driver
 * versions, or why no GPU is usable.
 */
final class Banner {
    private final Properties build = new Properties();
    private final BooleanSupplier engineLoaded;
    private volatile String devices;

    /** @param engineLoaded true once the engine has loaded, so {@code Layerwise.info()} is instant */
    Banner(BooleanSupplier engineLoaded) {
        this.engineLoaded = engineLoaded;
        try (InputStream in = Banner.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            Log.warn("cannot read build.properties", e);
        }
    }

    String text() {
        String info;
        if (!engineLoaded.getAsBoolean()) {
            info = "Layerwise " + Layerwise.VERSION + " · DJL " + build.getProperty("djl.version", "?") + " · PyTorch "
                    + build.getProperty("pytorch.version", "?") + " (" + NativeSetup.current()
                    + "; loading in the background) · " + Layerwise.device();
        } else {
            try {
                info = Layerwise.info();
            } catch (RuntimeException | LinkageError e) {
                info = "Layerwise " + Layerwise.VERSION + " · the PyTorch engine failed to load: " + e.getMessage();
            }
            String d = devices;
            info += "\n" + (d == null ? "devices: being listed" : d);
        }
        return "Java (Layerwise) — " + info + "\nJava " + System.getProperty("java.version")
                + " · JShell · the library is imported; try %lsmagic" + checkpoints();
    }

    /** A line about restorable checkpoints, so that after a crash the first thing seen says how to go on. */
    private static String checkpoints() {
        try {
            String s = Checkpoints.list().summary();
            return s.isEmpty() ? "" : "\n" + s + " (%checkpoints lists them)";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Makes the device line once, after the engine has loaded: the report may ask nvidia-smi and the
     * driver, which can take seconds, so it runs on the engine's warm-up thread, never while a front
     * end waits for {@code kernel_info}.
     */
    void listDevices() {
        try {
            devices = Layerwise.deviceReport().summary();
        } catch (RuntimeException | LinkageError e) {
            devices = "devices: could not be listed (" + e + "); %device says more";
        }
    }
}
