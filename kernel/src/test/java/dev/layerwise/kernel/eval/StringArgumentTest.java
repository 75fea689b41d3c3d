package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class StringArgumentTest {

    private static StringArgument at(String code) {
        return StringArgument.at(code).orElseThrow(() -> new AssertionError("no string argument found in " + code));
    }

    @Test
    void aStringArgumentNamesItsMethodReceiverAndTypedText() {
        assertEquals(new StringArgument("layerRate", "learner", "de"), at("learner.layerRate(\"de"));
        assertEquals(new StringArgument("freeze", "learner", ""), at("var x = 1;\nlearner . freeze( \""));
        assertEquals(new StringArgument("freeze", "learner", "dense_"), at("learner.freeze(\"dense_1\", \"dense_"));
        assertEquals(new StringArgument("outputs", "learner", "re"), at("learner.outputs(data.subset(f(1, 2)), \"re"));
        assertEquals(new StringArgument("device", "Layerwise", "g"), at("Layerwise.device(\"g"));
        assertEquals(new StringArgument("earlyStopping", null, "val_"), at("earlyStopping(\"val_"));
    }

    @Test
    void aReceiverThatIsNotAPlainNameIsNotKept() {
        assertEquals(new StringArgument("layer", null, "d"), at("learner.net().layer(\"d"));
        assertEquals(new StringArgument("layer", null, "d"), at("this.net.layer(\"d"));
    }

    @Test
    void stringsThatAreNotArgumentsOrAreClosedOfferNothing() {
        assertEquals(Optional.empty(), StringArgument.at("learner.layerRate(\"dense_1\""), "closed string");
        assertEquals(Optional.empty(), StringArgument.at("learner.layerRate(\"a\" + \"de"), "part of an expression");
        assertEquals(Optional.empty(), StringArgument.at("String s = \"de"), "not in a call");
        assertEquals(Optional.empty(), StringArgument.at("learner.layerRate(\"a\\\"de"), "an escape");
        assertEquals(Optional.empty(), StringArgument.at("// learner.layerRate(\"de"), "a comment");
        assertEquals(Optional.empty(), StringArgument.at("f(\"\"\"\n  de"), "a text block");
        assertTrue(StringArgument.at("f(')', \"x\") + g(\"de").isPresent(), "parentheses in literals are skipped");
        assertEquals("g", at("f(')', \"x\") + g(\"de").method());
        assertEquals("g", at("/* ( */ g(\"de").method());
    }
}
