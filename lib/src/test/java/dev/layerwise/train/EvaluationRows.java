package dev.layerwise.train;

import dev.layerwise.nn.Net;

import java.util.List;
import java.util.function.Supplier;

/**
 * The rows of {@link BadInputTableTest} for the views of an evaluation: confusion matrix, report,
 * top-k accuracy and the gallery of confident mistakes. Rows on the shared learner (three blob
 * classes, four features) also check that evaluating left it exactly as it was.
 */
final class EvaluationRows {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IllegalStateException> ISE = IllegalStateException.class;
    private static final List<String> ABC = List.of("a", "b", "c");

    private EvaluationRows() {}

    private static BadInputRows.Row row(Supplier<Learner> learner, String entry, String bad,
            Class<? extends Throwable> type, String fix, BadInputRows.Call call, String... words) {
        return new BadInputRows.Row(entry, bad, type, fix, List.of(words), learner, call, null);
    }

    static List<BadInputRows.Row> all() {
        Supplier<Learner> shared = BadInputRows::shared;
        Supplier<Learner> regression = () -> Learner.of(Net.input(4).dense(3), BadInputTableTest.targetsOnly()).quiet();
        return List.of(
                row(shared, "Evaluation.topK", "k 0", IAE, "Pass k from 1 to the number of classes, e.g. topK(5).",
                        l -> l.evaluate().topK(0), "topK(0)", "from 1 to 3", "topK(3)"),
                row(shared, "Evaluation.topK", "k above the number of classes", IAE, "Pass k from 1 to the number of"
                        + " classes; top-k of all classes is always 100%.", l -> l.evaluate().topK(4), "topK(4)",
                        "from 1 to 3, the number of classes"),
                row(shared, "Evaluation.confidentlyWrong", "0 examples", IAE, "Ask for at least 1, e.g."
                        + " confidentlyWrong(16).", l -> l.evaluate().confidentlyWrong(0), "confidentlyWrong(0)",
                        "at least 1"),
                row(regression, "Evaluation.confidentlyWrong", "data without labels (regression targets)", ISE,
                        "Evaluate a labelled set; for regression, loss() is the measure.",
                        l -> l.evaluate().confidentlyWrong(8), "confidentlyWrong(8)", "has no class labels",
                        "need labelled data"),
                row(regression, "Evaluation.confusion", "data without labels (regression targets)", ISE, "Evaluate a"
                        + " labelled set, e.g. learner.evaluate(data.test()).", l -> l.evaluate().confusion(),
                        "confusion()", "has no class labels", "learner.evaluate(data.test())"),
                row(shared, "ConfidentlyWrong.png", "data that is not images ([4] features)", ISE, "Show the"
                        + " mistakes as the table their display gives.", l -> l.evaluate().confidentlyWrong(4).png(),
                        "shaped [4], not images", "table instead"),
                row(null, "ConfusionMatrix.of", "a class id out of range", IAE, "Give class ids from 0 to the number of"
                        + " class names minus 1.", l -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, ABC),
                        "example 1 has true class 3", "both must be in 0 … 2"),
                row(null, "ConfusionMatrix.of", "3 true classes, 2 predictions", IAE, "Pass one true and one predicted"
                        + " class per example.", l -> ConfusionMatrix.of(new int[] {0, 1, 2}, new int[] {0, 1}, ABC),
                        "3 true classes but 2 predictions"),
                row(null, "ConfusionMatrix.count", "unknown class name", IAE, "Use a class name the message lists.",
                        l -> ConfusionMatrix.of(new int[] {0}, new int[] {1}, ABC).count("Scarf", "a"),
                        "No class named 'Scarf'", "its classes are a, b, c"),
                row(null, "ConfusionMatrix.mostConfused", "0", IAE, "Ask for at least 1, e.g. mostConfused(5).",
                        l -> ConfusionMatrix.of(new int[] {0}, new int[] {1}, ABC).mostConfused(0), "mostConfused(0)"),
                row(null, "ClassificationReport.get", "unknown class name", IAE, "Use a class name the message lists.",
                        l -> ClassificationReport.of(ConfusionMatrix.of(new int[] {0}, new int[] {1}, ABC)).get("c"),
                        "No row for 'c'", "its rows are a, b"));
    }
}
