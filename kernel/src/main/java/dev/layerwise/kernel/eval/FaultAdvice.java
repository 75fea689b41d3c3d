package dev.layerwise.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Explains the two faults whose cause is not the line they happened on: a stack overflow (almost
 * always a recursion without a base case) and running out of heap. The report says what happened,
 * that the kernel keeps running, whether the memory came back, and how to get more.
 */
final class FaultAdvice {
    static final String STACK_OVERFLOW = StackOverflowError.class.getName();
    static final String OUT_OF_MEMORY = OutOfMemoryError.class.getName();
    /** Above this share of the heap still in use after a collection, the user must free something. */
    private static final double STILL_FULL = 0.7;

    private FaultAdvice() {}

    /**
     * @param report a cell's error
     * @param declared the variables the cell declared, named as candidates for holding the memory
     * @return the report, with advice added when it is a stack overflow or out of memory
     */
    static ErrorReport explain(ErrorReport report, List<String> declared) {
        if (STACK_OVERFLOW.equals(report.ename())) {
            return with(report, "the call stack overflowed, most likely a recursion without a base case (the"
                    + " repeating frames are below); the kernel keeps running and variables are kept");
        }
        if (OUT_OF_MEMORY.equals(report.ename())) {
            return with(report, outOfMemory(report.evalue(), declared));
        }
        return report;
    }

    /**
     * A fault thrown by JShell itself, not by the cell's code: the compiler ran out of memory or stack.
     *
     * @param fault the error
     * @param line the cell line being evaluated
     * @param declared the variables the cell declared so far
     * @return the report
     */
    static ErrorReport internal(VirtualMachineError fault, int line, List<String> declared) {
        String what = (fault.getMessage() == null ? "" : fault.getMessage() + " ")
                + "while compiling or running cell line " + line + " (in JShell itself)";
        ErrorReport plain = new ErrorReport(fault.getClass().getName(), what,
                List.of("\u001b[0;31m" + fault.getClass().getName() + "\u001b[0m: " + what));
        return explain(plain, declared);
    }

    private static String outOfMemory(String message, List<String> declared) {
        Runtime rt = Runtime.getRuntime();
        // One full collection, only after this fault: it tells whether the cell's garbage was the problem.
        System.gc();
        long max = rt.maxMemory();
        long used = rt.totalMemory() - rt.freeMemory();
        String heap = "the cell needed more memory than the kernel's heap allows (-Xmx " + OutputLimit.size(max) + ")";
        String state;
        if (used > STILL_FULL * max) {
            String names = declared.isEmpty() ? "" : " (declared in this cell: " + String.join(", ", declared) + ")";
            String example = declared.isEmpty() ? "bigList = null;" : declared.get(0) + " = null;";
            state = String.format(Locale.ROOT, "after the error %s of it is still in use, held by variables%s: set them to"
                    + " null, e.g. `%s`, or restart the kernel", OutputLimit.size(used), names, example);
        } else {
            state = "its memory was freed when the cell stopped; the kernel keeps running and variables are kept";
        }
        return heap + "; " + state + ". For a bigger heap, start Jupyter with LAYERWISE_JAVA_OPTS=-Xmx8g (say) and restart"
                + " the kernel";
    }

    private static ErrorReport with(ErrorReport report, String advice) {
        String message = report.evalue() == null || report.evalue().isBlank() || "null".equals(report.evalue())
                ? "" : report.evalue() + " — ";
        List<String> traceback = new ArrayList<>(report.traceback());
        traceback.add("\u001b[0;31m" + advice + "\u001b[0m");
        return new ErrorReport(report.ename(), message + advice, traceback);
    }
}
