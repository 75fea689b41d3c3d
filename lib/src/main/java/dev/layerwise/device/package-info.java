/**
 * Which devices training can use and why: where libtorch came from ({@code NativeSetup}), what
 * the loaded engine and the NVIDIA driver say, the report {@code %device} prints, and the refusal
 * with fixes when a GPU is asked for and cannot be used. Uses the engine gate for libtorch's
 * folder; sits below the runtime settings that choose a device.
 */
package dev.layerwise.device;
