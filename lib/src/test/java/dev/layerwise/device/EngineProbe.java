package dev.layerwise.device;

import dev.layerwise.runtime.Layerwise;

/**
 * A child JVM for tests whose natives setup is global to a process: loads the engine (or fails)
 * and prints what happened. {@code gpu} then asks for the GPU; {@code report} prints the report.
 */
public final class EngineProbe {
    private EngineProbe() {}

    public static void main(String[] args) {
        try {
            System.out.println("info: " + Layerwise.info());
            if (args.length > 0 && args[0].equals("gpu")) {
                System.out.println("chose " + Layerwise.device("gpu"));
            } else if (args.length > 0 && args[0].equals("report")) {
                System.out.println(Layerwise.deviceReport());
            }
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
