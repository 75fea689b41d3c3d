package dev.layerwise.device;

/**
 * A GPU was asked for where none is usable. The message says why (no driver, CPU-only natives,
 * a CUDA build PyTorch cannot start, a device index out of range) and how to fix it; nothing was
 * changed.
 */
public final class GpuUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient DeviceReport report;

    /**
     * @param message the whole explanation
     * @param report the report it was drawn from
     */
    public GpuUnavailableException(String message, DeviceReport report) {
        super(message);
        this.report = report;
    }

    /** @return the device report behind this error */
    public DeviceReport report() {
        return report;
    }
}
