/**
 * The Jupyter kernel's wiring, on top of every other kernel package: {@link dev.layerwise.kernel.wiring.Main}
 * reads the connection file, {@link dev.layerwise.kernel.wiring.Kernel} binds the sockets and connects the
 * evaluator, magics and display sink to one request handler per message type, and the banner
 * answers {@code kernel_info}. The packages below point one way only, lowest first: {@code log};
 * {@code protocol} and {@code eval}, which know nothing of each other; {@code display};
 * {@code magic}; {@code handler}; and {@code install} stands apart. {@code ArchitectureTest} keeps
 * it so.
 */
package dev.layerwise.kernel.wiring;
