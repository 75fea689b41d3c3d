package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class InspectorTest extends EvaluatorSession {

    @Test
    void shiftTabOnALibraryMethodShowsItsJavadoc() {
        assertTrue(evaluator.evaluate("Learner inspected = null;").ok());
        Inspector inspector = new Inspector(evaluator);
        String code = "inspected.fit";
        String help = inspector.inspect(code, code.length());
        assertTrue(help.startsWith("History Learner.fit(int epochs)"), help);
        assertTrue(help.contains("Trains for some epochs, continuing from where the last call stopped."), help);
        String classHelp = inspector.inspect("Net", 3);
        assertTrue(classHelp.contains("dev.layerwise.nn.Net") && classHelp.length() > "dev.layerwise.nn.Net".length() + 20,
                classHelp);
    }

    @Test
    void shiftTabOnAMethodADatasetInheritsShowsItsJavadoc() {
        assertTrue(evaluator.evaluate("Dataset inspectedData = null;").ok());
        String code = "inspectedData.epochOrder";
        String help = new Inspector(evaluator).inspect(code, code.length());
        assertTrue(help.contains("int[] DatasetContents.epochOrder(int epoch)"), help);
        assertTrue(help.contains("The order in which an epoch visits the training examples"), help);
    }
}
