package dev.layerwise.kernel.eval;

/**
 * What evaluating one cell gave: a value to show, nothing, or an error.
 *
 * @param error the failure, or null when the cell ran to its end
 * @param hasValue whether the cell ended in an expression whose value should be shown
 * @param value the value object (may be null even when {@code hasValue})
 * @param valueText JShell's text for the value, e.g. {@code "abc"} with quotes, {@code int[2] { 1, 2 }}
 */
public record CellOutcome(ErrorReport error, boolean hasValue, Object value, String valueText) {
    /** @return an outcome with no value and no error */
    public static CellOutcome nothing() {
        return new CellOutcome(null, false, null, null);
    }

    /**
     * @param error the failure
     * @return a failed outcome
     */
    public static CellOutcome failed(ErrorReport error) {
        return new CellOutcome(error, false, null, null);
    }

    /** @return whether the cell ran without error */
    public boolean ok() {
        return error == null;
    }
}
