package dev.layerwise.kernel.eval;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * JShell's in-process execution engine, keeping each snippet's value object.
 *
 * <p>Extends {@link LocalExecutionControl}, so snippets run in the kernel's JVM on JShell's own
 * execution thread and {@code JShell.stop()} keeps working: on JDK 17 it stops that thread, on
 * newer JDKs (where {@code Thread.stop} is gone) JShell instruments snippet loops with stop checks.
 * Snippet classes are defined by a loader whose parent is the application class loader, so snippets
 * and the kernel share one copy of the library's classes (and so one {@code Display} sink).
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private static final Method TRAMPOLINE = ValueCapture.trampoline();

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        ValueCapture.arm(doitMethod);
        return super.invoke(TRAMPOLINE);
    }

    /** Hands JShell a {@link CapturingExecutionControl}. */
    static final class Provider implements ExecutionControlProvider {
        @Override
        public String name() {
            return "layerwise-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new CapturingExecutionControl();
        }
    }
}
