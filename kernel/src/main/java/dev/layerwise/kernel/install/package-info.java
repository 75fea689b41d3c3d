/**
 * The kernelspec Jupyter finds the kernel by: {@code kernel.json} with its argv and environment,
 * and the logos. It stands apart from the running kernel and depends on no other kernel package.
 */
package dev.layerwise.kernel.install;
