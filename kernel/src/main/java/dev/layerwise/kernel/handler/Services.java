package dev.layerwise.kernel.handler;

import dev.layerwise.kernel.eval.CellInput;
import dev.layerwise.kernel.eval.Completeness;
import dev.layerwise.kernel.eval.Completer;
import dev.layerwise.kernel.eval.Evaluator;
import dev.layerwise.kernel.eval.Inspector;
import dev.layerwise.kernel.eval.OutputRouter;
import dev.layerwise.kernel.magic.Magics;
import dev.layerwise.kernel.protocol.StdinChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the request handlers share: the session's evaluator and its helpers, the stream router, standard input,
 * the input history and execution counter, the banner, and the way to shut the kernel down.
 */
public final class Services {
    private final Evaluator evaluator;
    private final Magics magics;
    private final OutputRouter router;
    private final Input input;
    private final Supplier<String> banner;
    private final Runnable shutdown;
    private final Completer completer;
    private final Inspector inspector;
    private final Completeness completeness;
    private final List<HistoryEntry> history = new ArrayList<>();
    private int executionCount;

    /**
     * One executed input.
     *
     * @param line its execution count
     * @param input the cell's code
     */
    public record HistoryEntry(int line, String input) {}

    /**
     * Standard input for cells: {@code System.in} and the channel it asks the front end through.
     *
     * @param stream the stream installed as {@code System.in}
     * @param channel the stdin channel
     */
    public record Input(CellInput stream, StdinChannel channel) {}

    /**
     * @param evaluator the session's evaluator
     * @param magics its magics
     * @param router the stream router
     * @param input standard input for cells
     * @param banner the banner text for {@code kernel_info}, computed without blocking
     * @param shutdown ends the process after the shutdown reply is sent
     */
    public Services(Evaluator evaluator, Magics magics, OutputRouter router, Input input, Supplier<String> banner,
            Runnable shutdown) {
        this.evaluator = evaluator;
        this.magics = magics;
        this.router = router;
        this.input = input;
        this.banner = banner;
        this.shutdown = shutdown;
        this.completer = new Completer(evaluator, magics);
        this.inspector = new Inspector(evaluator);
        this.completeness = new Completeness(evaluator);
    }

    /** @return the evaluator */
    public Evaluator evaluator() {
        return evaluator;
    }

    /** @return the magics, which also run whole cells */
    public Magics magics() {
        return magics;
    }

    /** @return the stream router */
    public OutputRouter router() {
        return router;
    }

    /** @return standard input for cells */
    public Input input() {
        return input;
    }

    /** @return the banner text */
    public String banner() {
        return banner.get();
    }

    /** @return completion */
    public Completer completer() {
        return completer;
    }

    /** @return inspection */
    public Inspector inspector() {
        return inspector;
    }

    /** @return the completeness check */
    public Completeness completeness() {
        return completeness;
    }

    /** Ends the kernel process. */
    public void shutdown() {
        shutdown.run();
    }

    synchronized int nextExecutionCount() {
        return ++executionCount;
    }

    synchronized int executionCount() {
        return executionCount;
    }

    synchronized void remember(int line, String input) {
        history.add(new HistoryEntry(line, input));
    }

    synchronized List<HistoryEntry> history() {
        return List.copyOf(history);
    }
}
