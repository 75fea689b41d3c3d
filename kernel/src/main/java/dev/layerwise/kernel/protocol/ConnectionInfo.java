package dev.layerwise.kernel.protocol;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connection file Jupyter writes for a kernel: where to bind and how to sign.
 *
 * @param transport {@code tcp} or {@code ipc}
 * @param ip the address to bind (only this one)
 * @param shellPort shell ROUTER port
 * @param controlPort control ROUTER port
 * @param iopubPort IOPub PUB port
 * @param stdinPort stdin ROUTER port
 * @param hbPort heartbeat REP port
 * @param key the HMAC key; empty means messages are not signed
 * @param signatureScheme e.g. {@code hmac-sha256}
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int iopubPort,
                             int stdinPort, int hbPort, String key, String signatureScheme) {

    /**
     * Reads a connection file.
     *
     * @param file the JSON file
     * @return the parsed connection
     * @throws IOException when the file cannot be read
     */
    public static ConnectionInfo read(Path file) throws IOException {
        JsonObject o = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        String scheme = Json.str(o, "signature_scheme", "hmac-sha256");
        if (!scheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException("Connection file " + file + " asks for signature scheme '" + scheme
                    + "'; this kernel supports hmac-sha256 only (Jupyter's default).");
        }
        return new ConnectionInfo(Json.str(o, "transport", "tcp"), Json.str(o, "ip", "127.0.0.1"),
                Json.integer(o, "shell_port", 0), Json.integer(o, "control_port", 0), Json.integer(o, "iopub_port", 0),
                Json.integer(o, "stdin_port", 0), Json.integer(o, "hb_port", 0), Json.str(o, "key", ""), scheme);
    }

    /**
     * @param port a port from this file
     * @return the ZeroMQ endpoint, e.g. {@code tcp://127.0.0.1:5555}; for ipc, {@code ipc://ip-port}
     */
    public String endpoint(int port) {
        return transport.equals("ipc") ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
