/**
 * Jupyter messaging over JeroMQ: the connection file, the signed wire format and replay guard, the
 * request loop per ROUTER channel on blocking receives, the IOPub sender, the stdin channel that asks
 * the front end for input, the heartbeat, and the
 * {@link dev.layerwise.kernel.protocol.Handler} contract that one handler per request type fulfils.
 * It knows nothing of JShell, magics or displays, and uses only the log.
 */
package dev.layerwise.kernel.protocol;
