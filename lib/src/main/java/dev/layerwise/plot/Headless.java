package dev.layerwise.plot;

/** Charts draw off screen: AWT runs headless unless the user chose otherwise before. */
final class Headless {
    private Headless() {}

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
