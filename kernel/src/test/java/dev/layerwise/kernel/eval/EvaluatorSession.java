package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base for tests that run cells in one real JShell session, started once per test class. */
abstract class EvaluatorSession {
    static Evaluator evaluator;

    @BeforeAll
    static void startJShell() {
        evaluator = new Evaluator(Evaluator.defaultClassPath());
        evaluator.start();
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }
}
