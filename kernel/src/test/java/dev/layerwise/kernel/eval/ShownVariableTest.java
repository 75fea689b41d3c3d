package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cell that only names a variable is shown without compiling, and shows exactly what evaluating it
 * with JShell shows: the same value object, the same text, the same errors, after redefinitions too.
 * Each case runs the cell both ways in one session and compares.
 */
@Tag("unit")
class ShownVariableTest extends EvaluatorSession {
    private static final String HUGE = "\"ab\\\"c\".repeat(400_000)";

    /** Evaluates {@code cell} the normal way and then the direct way; returns the direct outcome after comparing. */
    private static CellOutcome bothWays(String cell, boolean expectDirect) {
        return bothWays(cell, Boolean.valueOf(expectDirect));
    }

    /** As above; {@code expectDirect} null when either path may be taken. */
    private static CellOutcome bothWays(String cell, Boolean expectDirect) {
        evaluator.showVariablesDirectly(false);
        CellOutcome evaluated = evaluator.evaluate(cell);
        evaluator.showVariablesDirectly(true);
        int before = evaluator.variablesShownDirectly();
        CellOutcome direct = evaluator.evaluate(cell);
        if (expectDirect != null) {
            assertEquals(expectDirect, evaluator.variablesShownDirectly() > before,
                    () -> cell + (expectDirect ? " was evaluated by JShell" : " was shown without JShell"));
        }
        assertEquals(evaluated.ok(), direct.ok(), cell);
        assertEquals(evaluated.hasValue(), direct.hasValue(), cell);
        assertEquals(evaluated.valueText(), direct.valueText(), cell);
        assertTrue(deepEquals(evaluated.value(), direct.value()), () -> cell + ": " + evaluated.value() + " vs " + direct.value());
        if (evaluated.value() != null) {
            assertEquals(evaluated.value().getClass(), direct.value().getClass(), cell);
        }
        if (!evaluated.ok()) {
            assertEquals(evaluated.error().ename(), direct.error().ename(), cell);
            assertEquals(evaluated.error().evalue(), direct.error().evalue(), cell);
            assertEquals(evaluated.error().traceback(), direct.error().traceback(), cell);
        }
        return direct;
    }

    private static boolean deepEquals(Object a, Object b) {
        return Objects.deepEquals(a, b) || (a != null && a.getClass().isArray() && Arrays.deepEquals(new Object[] {a}, new Object[] {b}));
    }

    private static void declare(String code) {
        CellOutcome out = evaluator.evaluate(code);
        assertTrue(out.ok(), () -> code + ": " + out.error().text());
    }

    @Test
    void numbersTextAndArraysShowAsEvaluated() {
        declare("int i = 42; long big = 1L << 40; double d = 0.1 + 0.2; float f = 1.5f; char c = '\\''; boolean b = true;"
                + " byte y = -3; short h = 300; Integer boxed = 1000; Integer none = null; String s = \"tab\\t\\\"q\\\" é \\u0001\";"
                + " int[] small = {1, 2, 3}; double[][] grid = {{1, 2}, {3}}; String[] words = {\"a\", null};"
                + " long[] many = new long[1_000_000];");
        for (String name : List.of("i", "big", "d", "f", "c", "b", "y", "h", "boxed", "none", "s", "small", "grid", "words", "many")) {
            CellOutcome out = bothWays(name, true);
            assertTrue(out.ok() && out.hasValue(), name);
        }
        assertTrue(bothWays("s", true).valueText().startsWith("\"tab\\t\\\"q\\\" é "), "JShell quotes and escapes a string");
        assertEquals(1000, bothWays("boxed", true).value());
        assertEquals("int[3] { 1, 2, 3 }", bothWays("small", true).valueText());
    }

    @Test
    void hugeValuesAreCutTheSameWay() {
        declare("String huge = " + HUGE + "; int[] wide = new int[3_000_000];");
        CellOutcome huge = bothWays("huge", true);
        assertTrue(huge.valueText().length() < 1_200_000, "the text was not cut: " + huge.valueText().length());
        assertEquals(1_600_000, ((String) huge.value()).length());
        bothWays("wide", true);
    }

    @Test
    void redefinedVariablesShowTheirNewValue() {
        declare("int again = 1;");
        assertEquals(1, bothWays("again", true).value());
        declare("String again = \"now text\";");
        assertEquals("\"now text\"", bothWays("again", true).valueText());
        declare("again = \"assigned\";");
        assertEquals("assigned", bothWays("again", true).value());
    }

    @Test
    void aNameInsideALongerCellIsShownAsEvaluated() {
        CellOutcome out = bothWays("int inCell = 7;\ninCell", true);
        assertEquals(7, out.value());
        assertFalse(bothWays("inCell;", false).hasValue());
        assertEquals(7, bothWays("  inCell  ", true).value());
    }

    @Test
    void everythingElseIsLeftToJShell() {
        declare("var list = new ArrayList<>(List.of(1, 2)); Object anything = \"text\"; StringBuilder sb = new StringBuilder(\"x\");"
                + " Object[] mixed = {new StringBuilder(\"y\")};"
                + " class Loud { public String toString() { System.out.println(\"printed\"); return \"loud\"; } }"
                + " class Broken { public String toString() { throw new IllegalStateException(\"no text\"); } }"
                + " Loud loud = new Loud(); Broken broken = new Broken();");
        assertEquals("[1, 2]", bothWays("list", false).valueText());
        assertEquals("\"text\"", bothWays("anything", true).valueText()); // its value is a String, whatever its declared type
        bothWays("sb", false);
        bothWays("mixed", false);
        bothWays("loud", false);
        bothWays("broken", false); // whatever JShell makes of a toString() that throws, both ways agree
        bothWays("Math.PI", false);
        bothWays("undeclaredName", false);
        bothWays("class", false);
    }

    @Test
    void variablesThatAreNotValidAreLeftToJShellAndAFailedInitializerLeavesTheDefault() {
        assertFalse(evaluator.evaluate("int threw = 1 / 0;").ok());
        assertEquals(0, bothWays("threw", true).value());
        evaluator.evaluate("int later = 1 + notYet();");
        bothWays("later", false); // declared, but not usable until notYet() exists
        declare("int notYet() { return 41; }");
        bothWays("later", (Boolean) null);
    }

    @Test
    void aNameAlsoImportedStaticallyIsLeftToJShell() {
        declare("import static java.lang.Math.E;");
        declare("double E = 3.0;");
        bothWays("E", false);
    }
}
