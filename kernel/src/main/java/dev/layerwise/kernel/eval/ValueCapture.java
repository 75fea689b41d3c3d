package dev.layerwise.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The trampoline that JShell's execution thread calls instead of a snippet's {@code do_it$}
 * method, so the kernel keeps the value object itself and not only JShell's string of it.
 *
 * <p>JShell runs each snippet by reflection; {@link CapturingExecutionControl} passes
 * {@link #run()} in place of the snippet's method. {@code run()} calls the real method on the same
 * thread, remembers the thread (so an interrupt can reach it) and the returned value, and rethrows
 * the snippet's own exception unchanged, so JShell's stop and error handling see what they expect.
 * What it returns to JShell, which JShell turns into the value's text, may be a stand-in with a
 * shorter text (see {@link CapturingExecutionControl}); the kernel keeps the real value.
 * One evaluation runs at a time per JVM; {@link Evaluator} serializes them.
 */
public final class ValueCapture {
    private static final AtomicReference<Method> TARGET = new AtomicReference<>();
    private static final AtomicReference<UnaryOperator<Object>> SHOWN = new AtomicReference<>(UnaryOperator.identity());
    private static volatile Object lastValue;
    private static volatile boolean hasValue;
    private static volatile Thread runningThread;

    private ValueCapture() {}

    static Method trampoline() {
        try {
            return ValueCapture.class.getMethod("run");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ValueCapture.run() is missing from the kernel build", e);
        }
    }

    static void arm(Method target) {
        arm(target, UnaryOperator.identity());
    }

    /**
     * @param target the snippet method to run next
     * @param shown maps the value to what JShell should describe, on the snippet's thread
     */
    static void arm(Method target, UnaryOperator<Object> shown) {
        TARGET.set(target);
        SHOWN.set(shown);
        lastValue = null;
        hasValue = false;
    }

    /**
     * Runs the armed snippet method; called only by JShell's execution thread.
     *
     * @return the snippet's value, or the stand-in JShell should describe instead
     * @throws Throwable whatever the snippet threw, unchanged
     */
    public static Object run() throws Throwable {
        Method target = TARGET.getAndSet(null);
        if (target == null) {
            throw new IllegalStateException("ValueCapture.run() called without a snippet to run");
        }
        runningThread = Thread.currentThread();
        try {
            Object value = target.invoke(null);
            lastValue = value;
            hasValue = true;
            return SHOWN.get().apply(value);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                MemoryReserve.release();
            }
            throw e.getCause();
        } finally {
            runningThread = null;
        }
    }

    /** @return the value of the last snippet that completed normally, or null */
    static Object lastValue() {
        return lastValue;
    }

    /** @return whether the last armed snippet completed normally */
    static boolean hasValue() {
        return hasValue;
    }

    /** @return the thread running snippet code now, or null between snippets */
    static Thread runningThread() {
        return runningThread;
    }
}
