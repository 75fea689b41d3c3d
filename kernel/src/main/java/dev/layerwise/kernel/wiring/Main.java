package dev.layerwise.kernel.wiring;

import dev.layerwise.kernel.protocol.ConnectionInfo;

import java.nio.file.Path;

/** Entry point: {@code java dev.layerwise.kernel.wiring.Main CONNECTION_FILE}, as kernel.json's argv says. */
public final class Main {
    private Main() {}

    /**
     * Runs the kernel until a {@code shutdown_request}, then exits.
     *
     * @param args the connection file Jupyter wrote
     * @throws Exception when the connection file cannot be read or a socket cannot be bound; a file that asks
     *     for what this kernel does not serve (ipc, a missing port) ends the process with its reason and status 2
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp ... dev.layerwise.kernel.wiring.Main CONNECTION_FILE\n"
                    + "Jupyter starts this through kernel.json; to install it run: bin/layerwise install");
            System.exit(2);
        }
        ConnectionInfo connection;
        try {
            connection = ConnectionInfo.read(Path.of(args[0]));
        } catch (IllegalArgumentException e) {
            System.err.println("layerwise: " + e.getMessage());
            System.exit(2);
            return;
        }
        Kernel kernel = new Kernel(connection);
        kernel.start();
        kernel.awaitShutdown();
        System.exit(0);
    }
}
