package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("engine")
class CompleterTest extends EvaluatorSession {
    static Completer completer;

    /** Magics as the completer sees them: %device with its words, %time taking Java. */
    static final MagicCompletions MAGICS = new MagicCompletions() {
        @Override
        public List<String> names() {
            return List.of("device", "time");
        }

        @Override
        public List<String> arguments(String magic) {
            return magic.equals("device") ? NameArguments.DEVICES : List.of();
        }

        @Override
        public boolean takesCode(String magic) {
            return magic.equals("time");
        }
    };

    @BeforeAll
    static void aNetAndALearner() {
        CellOutcome out = evaluator.evaluate("var net = Net.input(4).dense(8).relu().dense(3);\n"
                + "var learner = Learner.of(net, Datasets.blobs(60, 3, 4, 1.0, 1).batchSize(10)).quiet();\n"
                + "learner.callback(\"mine\", new Callback() {});");
        assertTrue(out.ok(), () -> out.error().text());
        completer = new Completer(evaluator, MAGICS);
    }

    private static Completer.Completion complete(String code) {
        return completer.complete(code, code.length());
    }

    @Test
    void layerRateOffersTheLearnersDenseLayers() {
        String code = "learner.layerRate(\"de";
        Completer.Completion c = complete(code);
        assertEquals(List.of("dense_1", "dense_2"), c.matches());
        assertEquals(code.length() - 2, c.start(), "replaces what was typed inside the quotes");
        assertEquals(code.length(), c.end());
    }

    @Test
    void eachNameTakingCallOffersItsKindOfName() {
        assertEquals(List.of("dense_1", "dense_2"), complete("learner.freeze(\"").matches(), "layers that have weights");
        assertEquals(List.of("dense_1", "relu_1", "dense_2"), complete("net.layer(\"").matches(), "every layer");
        assertEquals(List.of("dense_2"), complete("net.biasInit(\"dense_2").matches());
        assertEquals(List.of(), complete("net.init(\"dense_2\", Init.zeros()).biasInit(\"dense_2").matches(),
                "the receiver of a chain is no variable");
        assertEquals(List.of("dense_1.weight", "dense_1.bias"), complete("learner.parameter(\"dense_1.").matches());
        assertTrue(complete("learner.removeCallback(\"").matches().contains("mine"), complete("learner.removeCallback(\"").matches().toString());
        assertEquals(List.of("val_loss", "val_accuracy"), complete("earlyStopping(\"val_").matches());
        assertEquals(List.of("gpu"), complete("Layerwise.device(\"g").matches());
    }

    @Test
    void aReceiverThatIsNotAVariableOffersNoNamesAndRunsNothing() {
        assertEquals(List.of(), complete("Net.input(2).dense(3).init(\"de").matches());
        assertEquals(List.of(), complete("noSuchVariable.layerRate(\"de").matches());
    }

    @Test
    void magicArgumentsAndCodeComplete() {
        Completer.Completion device = complete("int a = 1;\n%device g");
        assertEquals(List.of("gpu"), device.matches());
        assertEquals("int a = 1;\n%device ".length(), device.start());
        assertEquals(List.of("cpu"), complete("%device c").matches());
        Completer.Completion time = complete("%time net.layerN");
        assertEquals(List.of("layerNames()"), time.matches());
        assertEquals("%time net.".length(), time.start());
        assertEquals(List.of("%device"), complete("%dev").matches());
    }

    @Test
    void javaCompletionStillWorksOutsideStrings() {
        assertTrue(complete("learner.layerR").matches().stream().anyMatch(m -> m.startsWith("layerRate")));
    }
}
