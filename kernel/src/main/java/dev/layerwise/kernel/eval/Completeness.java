package dev.layerwise.kernel.eval;



/**
 * Whether a cell is ready to run, for consoles that decide if Enter submits: {@code complete},
 * {@code incomplete} (with the indent for the next line) or {@code invalid}.
 */
public final class Completeness {
    private final Evaluator evaluator;

    /**
     * @param status {@code complete}, {@code incomplete} or {@code invalid}
     * @param indent for {@code incomplete}: the suggested indent of the next line
     */
    public record Verdict(String status, String indent) {}

    /** @param evaluator the session */
    public Completeness(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * @param code the cell
     * @return the verdict
     */
    public Verdict check(String code) {
        String java = CurrentSnippet.blankMagicLines(code);
        if (java.isBlank()) {
            return new Verdict("complete", "");
        }
        evaluator.lock().lock();
        try {
            Snippets.Split split = Snippets.split(evaluator.analysis(), java, 0);
            if (split.invalid()) {
                return new Verdict("invalid", "");
            }
            if (split.incompleteTail() == null) {
                return new Verdict("complete", "");
            }
            switch (split.tailCompleteness()) {
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return new Verdict("incomplete", "    ".repeat(Math.max(1, depth(split.incompleteTail()))));
                default:
                    return new Verdict("invalid", "");
            }
        } finally {
            evaluator.lock().unlock();
        }
    }

    private static int depth(String code) {
        int depth = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ')') && depth > 0) {
                depth--;
            }
        }
        return depth;
    }
}
