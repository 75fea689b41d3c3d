package dev.layerwise.kernel.protocol;

import com.google.gson.JsonObject;
import dev.layerwise.kernel.log.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The connection file Jupyter writes for a kernel: where to bind and how to sign.
 *
 * @param transport always {@code tcp}: the only transport this kernel serves
 * @param ip the address to bind (only this one); {@code 127.0.0.1} when the file names none
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

    /** The address bound when the connection file names none: this machine only. */
    public static final String DEFAULT_IP = "127.0.0.1";

    /**
     * Reads a connection file, and warns on the kernel's log when other users may read or change it.
     *
     * @param file the JSON file
     * @return the parsed connection
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it asks for something this kernel does not serve
     */
    public static ConnectionInfo read(Path file) throws IOException {
        JsonObject o = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        String scheme = Json.str(o, "signature_scheme", "hmac-sha256");
        if (!scheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException("Connection file " + file + " asks for signature scheme '" + scheme
                    + "'; this kernel supports hmac-sha256 only (Jupyter's default).");
        }
        String transport = Json.str(o, "transport", "tcp");
        if (!transport.equals("tcp")) {
            throw new IllegalArgumentException("Connection file " + file + " asks for transport '" + transport
                    + "'; this kernel serves tcp only (JeroMQ emulates ipc over loopback TCP, which Jupyter's"
                    + " clients cannot reach). Start it with Jupyter's default transport (tcp), e.g. without --transport=ipc.");
        }
        String ip = Json.str(o, "ip", "");
        warnIfExposed(file);
        return new ConnectionInfo(transport, ip.isBlank() ? DEFAULT_IP : ip, port(o, "shell_port", file),
                port(o, "control_port", file), port(o, "iopub_port", file), port(o, "stdin_port", file),
                port(o, "hb_port", file), Json.str(o, "key", ""), scheme);
    }

    private static int port(JsonObject o, String name, Path file) {
        int port = Json.integer(o, name, 0);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Connection file " + file + " has " + name + " = " + port
                    + "; expected a port from 1 to 65535. Jupyter writes all five ports; let it write the file.");
        }
        return port;
    }

    private static void warnIfExposed(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        if (p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE)
                || p.contains(PosixFilePermission.GROUP_WRITE)) {
            Log.warn("connection file " + file + " is open to other users (" + PosixFilePermissions.toString(p)
                    + "): whoever reads its key can run code in this kernel. Jupyter writes it rw------- (0600);"
                    + " check the program that started the kernel.");
        }
    }

    /**
     * @param port a port from this file
     * @return the ZeroMQ endpoint, e.g. {@code tcp://127.0.0.1:5555}
     */
    public String endpoint(int port) {
        return transport + "://" + ip + ":" + port;
    }
}
