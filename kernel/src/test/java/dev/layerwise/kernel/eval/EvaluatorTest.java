package dev.layerwise.kernel.eval;

import dev.layerwise.display.Display;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class EvaluatorTest extends EvaluatorSession {

    @Test
    void lastExpressionGivesItsValueObject() {
        CellOutcome out = evaluator.evaluate("int a = 20;\nint b = 22;\na + b");
        assertTrue(out.ok(), () -> out.error().text());
        assertTrue(out.hasValue());
        assertEquals(42, out.value());
        assertEquals("42", out.valueText());
    }

    @Test
    void trailingSemicolonHidesTheValue() {
        CellOutcome out = evaluator.evaluate("Math.max(1, 2);");
        assertTrue(out.ok());
        assertFalse(out.hasValue());
    }

    @Test
    void declarationsShowNoValue() {
        CellOutcome out = evaluator.evaluate("var kept = List.of(1, 2, 3);");
        assertTrue(out.ok());
        assertFalse(out.hasValue());
        assertEquals(List3.SIZE, evaluator.evaluate("kept.size()").value());
    }

    interface List3 {
        int SIZE = 3;
    }

    @Test
    void snippetsSeeTheKernelsOwnLibraryClasses() {
        CellOutcome out = evaluator.evaluate("dev.layerwise.display.Display.class");
        assertTrue(out.ok(), () -> out.error().text());
        assertSame(Display.class, out.value(), "snippets must load dev.layerwise classes through the kernel's class loader");
    }

    @Test
    void displayIsCallableInEveryCellAndACellsOwnDisplayMethodWins() {
        CellOutcome shown = evaluator.evaluate("display(\"shown\")");
        assertTrue(shown.ok(), () -> shown.error().text());
        assertTrue(shown.value() instanceof dev.layerwise.display.DisplayHandle, String.valueOf(shown.value()));
        assertTrue(evaluator.evaluate("String display(String s) { return \"mine: \" + s; }").ok());
        assertEquals("mine: x", evaluator.evaluate("display(\"x\")").value());
    }

    @Test
    void compileErrorPointsAtTheCellLine() {
        CellOutcome out = evaluator.evaluate("int ok = 1;\nint bad = undefinedName + 1;");
        assertFalse(out.ok());
        assertEquals("CompilationException", out.error().ename());
        assertTrue(out.error().evalue().startsWith("cell line 2:"), out.error().evalue());
        assertTrue(out.error().text().contains("undefinedName"), out.error().text());
    }

    @Test
    void runtimeExceptionNamesTheClassAndTheCellLine() {
        CellOutcome out = evaluator.evaluate("int zero = 0;\n\nint boom = 1 / zero;");
        assertFalse(out.ok());
        assertEquals("java.lang.ArithmeticException", out.error().ename());
        assertEquals("/ by zero", out.error().evalue());
        assertTrue(out.error().text().contains("cell line 3"), out.error().text());
        assertEquals(0, evaluator.evaluate("zero").value(), "variables before the error are kept");
    }

    @Test
    void incompleteCodeIsAnErrorNotAHang() {
        CellOutcome out = evaluator.evaluate("int x = 1;\nfor (int i = 0; i < 3; i++) {");
        assertFalse(out.ok());
        assertTrue(out.error().evalue().contains("cell line 2"), out.error().evalue());
    }

    @Test
    void interruptStopsAnEndlessLoopAndKeepsVariables() throws Exception {
        evaluator.evaluate("String survivor = \"still here\";");
        CompletableFuture<CellOutcome> running = CompletableFuture.supplyAsync(() -> evaluator.evaluate("while (true) {}"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!evaluator.isRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Thread.sleep(200);
        evaluator.interrupt();
        CellOutcome out = running.get(30, TimeUnit.SECONDS); // promptly, but a busy machine may be slow to schedule it
        assertFalse(out.ok());
        assertEquals("Interrupted", out.error().ename());
        assertEquals("still here", evaluator.evaluate("survivor").value());
    }

    @Test
    void nullValueIsShownAsNull() {
        CellOutcome out = evaluator.evaluate("Object nothing = null;\nnothing");
        assertTrue(out.hasValue());
        assertNull(out.value());
        assertEquals("null", out.valueText());
    }
}
