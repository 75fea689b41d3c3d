package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-running cells must not keep the values they replaced, and must not lose the ones still named. */
@Tag("unit")
class StaleValuesTest extends EvaluatorSession {

    private static Object value(String code) {
        CellOutcome out = evaluator.evaluate(code);
        assertTrue(out.ok(), () -> out.error().text());
        return out.value();
    }

    private static boolean collected(WeakReference<Object> ref) throws InterruptedException {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ref.get() == null;
    }

    @Test
    void aRedeclaredVariablesOldValueIsCollected() throws Exception {
        WeakReference<Object> old = new WeakReference<>(value("var box = new StringBuilder(\"old\");\nbox"));
        value("var box = new StringBuilder(\"new\");\nbox");
        assertTrue(collected(old), "the old value of box is still reachable");
        assertEquals("new", value("box").toString());
    }

    @Test
    void aVariableRedeclaredWithAnotherTypeAndOneRecompiledForItsDependencyAreCollected() throws Exception {
        WeakReference<Object> first = new WeakReference<>(value("var base = new StringBuilder(\"b\");\nbase"));
        WeakReference<Object> dependent = new WeakReference<>(value("var derived = new StringBuilder(base);\nderived"));
        value("var base = 42;\nbase");
        assertTrue(collected(first), "the old value of base is still reachable");
        assertTrue(collected(dependent), "the value of derived, reset when base changed type, is still reachable");
    }

    @Test
    void anExpressionValueIsCollectedAfterItWasShown() throws Exception {
        WeakReference<Object> shown = new WeakReference<>(value("new StringBuilder(\"temporary\")"));
        value("1 + 1");
        assertTrue(collected(shown), "the value of an expression cell is still reachable");
    }

    @Test
    void variablesStillNamedKeepTheirValues() {
        value("var kept = new StringBuilder(\"kept\");\nint count = 3;\nString twice() { return kept.toString() + kept; }");
        value("var other = new StringBuilder(\"x\");");
        value("var other = new StringBuilder(\"y\");");
        assertEquals("keptkept", value("twice()"));
        assertEquals(3, value("count"));
        value("var kept = new StringBuilder(\"again\");");
        assertEquals("againagain", value("twice()"), "a method sees the redeclared variable");
        value("class Counter { static StringBuilder total = new StringBuilder(\"t\"); }");
        value("var total = 1;");
        value("var total = 2;");
        assertEquals("t", value("Counter.total").toString(), "a cell's own class keeps its static fields");
        assertNull(evaluator.evaluate("Object none = null;\nnone").value());
    }
}
