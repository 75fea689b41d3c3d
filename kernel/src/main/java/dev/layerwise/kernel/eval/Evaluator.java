package dev.layerwise.kernel.eval;

import dev.layerwise.kernel.log.Phases;
import dev.layerwise.runtime.Layerwise;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Evaluates cells with JShell in this JVM, keeping every variable between cells.
 *
 * <p>Create it, call {@link #start()} (on any thread; other calls wait for it), then
 * {@link #evaluate(String)} cells. Cells are cut into snippets; evaluation stops at the first error.
 * The last snippet's value is returned as an object when it is an expression not followed by a
 * semicolon, like IPython's rule. {@link #interrupt()} may be called from any thread.
 */
public final class Evaluator implements AutoCloseable {
    private final String compileClassPath;
    private final CapturingExecutionControl.Provider engine;
    private final CompletableFuture<JShell> ready = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, SnippetOrigin> origins = new HashMap<>();
    private final Interrupter interrupter = new Interrupter(this::stopShell);
    private volatile List<String> imports = List.of();
    private final List<String> addedClassPath = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int cells;
    /** How long after a cell the warm-up waits before compiling again: cells sent in a row never queue behind it. */
    static final long WARM_UP_QUIET_MS = 250;
    private final CellTraffic traffic = new CellTraffic(WARM_UP_QUIET_MS);
    private final AtomicInteger warmUpsDone = new AtomicInteger();
    private boolean showVariablesDirectly = true;
    private int variablesShownDirectly;

    /** Where a snippet came from, for tracebacks. */
    record SnippetOrigin(String cell, int offset, int cellNumber) {}

    /**
     * @param compileClassPath the class path snippets compile against (the library and DJL);
     *     classes are loaded through the kernel's own class loader whatever this says
     */
    public Evaluator(String compileClassPath) {
        this(compileClassPath, OutputLimit.of(OutputLimit.DEFAULT_BYTES));
    }

    /**
     * @param compileClassPath the class path snippets compile against
     * @param valueLimit how long a value's text may be before it is cut with a notice
     */
    public Evaluator(String compileClassPath, OutputLimit valueLimit) {
        this.compileClassPath = compileClassPath;
        this.engine = new CapturingExecutionControl.Provider(valueLimit);
    }

    /** @return the class path for snippets: {@code -Dlayerwise.classpath}, else {@code java.class.path} */
    public static String defaultClassPath() {
        String cp = System.getProperty("layerwise.classpath");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    /**
     * Builds JShell, runs the startup imports and a trivial snippet so the first real cell is fast.
     * Failures are kept and rethrown to every later call.
     */
    public void start() {
        try {
            JShell shell = JShell.builder()
                    .executionEngine(engine, Map.of())
                    .compilerOptions("--class-path", compileClassPath)
                    .out(System.out)
                    .err(System.err)
                    .build();
            List<String> imps = StartupImports.build(Layerwise.class);
            for (String imp : imps) {
                for (SnippetEvent e : shell.eval(imp)) {
                    if (e.status() == Snippet.Status.REJECTED) {
                        throw new IllegalStateException("Startup import failed: " + imp + " — "
                                + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).findFirst().orElse("?"));
                    }
                }
            }
            // A declaration and an expression, dropped again: every live variable is imported into each later
            // snippet's wrapper, so nothing of the warm-up is left for the cells to compile against.
            List<Snippet> warmUps = new ArrayList<>();
            for (String warm : List.of("int $layerwiseWarmUp = 1 + 1;", "$layerwiseWarmUp * 2")) {
                for (SnippetEvent e : shell.eval(warm)) {
                    if (e.causeSnippet() == null && e.snippet() instanceof VarSnippet) {
                        warmUps.add(0, e.snippet());
                    }
                }
            }
            warmUps.forEach(shell::drop);
            shell.sourceCodeAnalysis().analyzeCompletion("1 + 1");
            imports = List.copyOf(imps);
            ready.complete(shell);
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Compiles small throwaway snippets so the JIT has compiled javac's hot paths before the user's
     * cells need them. It yields to cells: while one is waiting or running, and for
     * {@value #WARM_UP_QUIET_MS} ms after one, it compiles nothing (the user's own cells warm the
     * JIT then), so a cell waits for at most the one snippet being compiled when it arrived.
     *
     * @param snippets how many to evaluate
     */
    public void warmUpCompiler(int snippets) {
        JShell shell = shell();
        for (int i = 0; i < snippets; ) {
            if (!traffic.awaitQuiet()) {
                return;
            }
            lock.lock();
            try {
                if (traffic.cellInFlight()) {
                    continue; // a cell came in while this thread waited for the lock: it goes first
                }
                shell.sourceCodeAnalysis().analyzeCompletion(i + " * 2");
                for (SnippetEvent e : shell.eval(i + " * 2")) {
                    if (e.causeSnippet() == null && e.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                        shell.drop(e.snippet());
                    }
                }
                i++;
                warmUpsDone.incrementAndGet();
            } finally {
                releaseStale(shell);
                lock.unlock();
            }
        }
    }

    /**
     * For tests that compare the two paths: whether a snippet that only names a variable is shown by
     * {@link ShownVariable} (the default) or evaluated by JShell.
     */
    void showVariablesDirectly(boolean on) {
        lock.lock();
        try {
            showVariablesDirectly = on;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many snippets {@link ShownVariable} has shown */
    int variablesShownDirectly() {
        lock.lock();
        try {
            return variablesShownDirectly;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many warm-up snippets have been compiled so far */
    int warmUpsDone() {
        return warmUpsDone.get();
    }

    /** @return JShell, waiting for {@link #start()} to finish */
    public JShell shell() {
        return ready.join();
    }

    /** @return whether {@link #start()} has finished */
    public boolean isReady() {
        return ready.isDone();
    }

    /** @return the import statements run at start, in order */
    public List<String> imports() {
        shell();
        return imports;
    }

    /** @return the lock that serializes JShell use (evaluation, completion, inspection) */
    ReentrantLock lock() {
        return lock;
    }

    /** @return JShell's source analysis, for completion and inspection */
    SourceCodeAnalysis analysis() {
        return shell().sourceCodeAnalysis();
    }

    /**
     * Evaluates Java source as one cell.
     *
     * @param code the cell's code (magics already removed; blank lines keep line numbers)
     * @return the outcome
     */
    public CellOutcome evaluate(String code) {
        traffic.began();
        try {
            return evaluateNow(code);
        } finally {
            traffic.ended();
        }
    }

    private CellOutcome evaluateNow(String code) {
        interrupter.cellAccepted();
        JShell shell = shell();
        lock.lock();
        try {
            int cellNumber = ++cells;
            ErrorFormatter errors = new ErrorFormatter(code, origins);
            Phases.mark("lock");
            Snippets.Split split = Snippets.split(shell.sourceCodeAnalysis(), code, 0);
            Phases.mark("split");
            MemoryReserve.restore();
            interrupter.cellStarted();
            CellOutcome last = CellOutcome.nothing();
            List<String> declared = new ArrayList<>();
            int line = 1;
            try {
                for (SourceSnippet s : split.complete()) {
                    line = errors.lineOf(s.offset());
                    if (interrupter.interrupted()) {
                        return CellOutcome.failed(interrupter.report(line, false));
                    }
                    Optional<CellOutcome> shown = showVariablesDirectly
                            ? ShownVariable.show(shell, engine.generated(), s) : Optional.empty();
                    if (shown.isPresent()) {
                        variablesShownDirectly++;
                        Phases.mark("shown");
                    }
                    last = shown.isPresent() ? shown.get() : SnippetEvaluation.evaluate(shell, s,
                            new SnippetOrigin(code, s.offset(), cellNumber), origins, errors, declared);
                    if (!last.ok()) {
                        return CellOutcome.failed(interrupter.interrupted()
                                ? interrupter.reportAfter(line, interrupter.forced(), last.error())
                                : FaultAdvice.explain(last.error(), declared));
                    }
                    if (interrupter.forced()) {
                        return CellOutcome.failed(interrupter.report(line, true));
                    }
                }
            } catch (VirtualMachineError e) {
                // Out of memory or stack inside JShell or the compiler rather than in the cell's code.
                MemoryReserve.release();
                return CellOutcome.failed(FaultAdvice.internal(e, line, declared));
            } finally {
                interrupter.cellEnded();
            }
            if (split.incompleteTail() != null) {
                String msg = "cell line " + errors.lineOf(split.tailOffset()) + ": the code is not complete (" + split.tailCompleteness()
                        + "); a closing brace, parenthesis or semicolon is probably missing";
                return CellOutcome.failed(new ErrorReport("CompilationException", msg, List.of(msg)));
            }
            return last;
        } finally {
            releaseStale(shell);
            lock.unlock();
            Phases.mark("stale");
        }
    }

    /** Frees the values of replaced and dropped variables; see {@link StaleValues}. */
    private void releaseStale(JShell shell) {
        try {
            engine.generated().releaseStale(shell.variables().map(VarSnippet::name).collect(Collectors.toSet()));
        } catch (RuntimeException | LinkageError e) {
            warn().println("(could not free the values of replaced variables: " + e + ")");
        }
    }

    private static PrintStream warn() {
        return System.err;
    }

    /**
     * Asks the running cell to stop: the library's loops stop at their next batch, the cell's
     * thread is interrupted, and after a grace period JShell stops it by force. Any thread.
     */
    public void interrupt() {
        interrupter.interrupt(ValueCapture.runningThread());
    }

    private void stopShell() {
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            ready.join().stop();
        }
    }

    /** @return whether a cell is running now */
    public boolean isRunning() {
        return interrupter.running();
    }

    /**
     * Adds jars or class folders for later cells, to the compiler and the class loader.
     *
     * @param path entries separated by {@link File#pathSeparator}
     */
    public void addToClasspath(String path) {
        JShell shell = shell();
        lock.lock();
        try {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                    addedClassPath.add(entry);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * One variable of the session.
     *
     * @param name its name
     * @param type its declared type as written, e.g. {@code List<String>}
     * @param value its value, or null (also when it could not be read)
     */
    public record Variable(String name, String type, Object value) {}

    /**
     * The session's variables, in the order they were declared; JShell's own ({@code $1}, …) are left out.
     * Values are read from the fields that hold them: no code of the cells runs.
     *
     * @return the variables
     */
    public List<Variable> variables() {
        JShell shell = shell();
        lock.lock();
        try {
            CapturingExecutionControl control = engine.generated();
            return shell.variables()
                    .filter(v -> shell.status(v) == Snippet.Status.VALID && !v.name().startsWith("$"))
                    .map(v -> new Variable(v.name(), v.typeName(), control == null ? null : control.value(v.name()).orElse(null)))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A variable's value, when {@code name} is exactly the name of a live variable.
     *
     * @param name a plain name such as {@code learner}; nothing else is evaluated
     * @return its value, or empty
     */
    public Optional<Object> valueOf(String name) {
        return variables().stream().filter(v -> v.name().equals(name) && v.value() != null)
                .map(Variable::value).findFirst();
    }

    /** @return the class path cells compile against: the start's, then what was added, one entry each */
    public List<String> classPath() {
        List<String> all = new ArrayList<>(List.of(compileClassPath.split(File.pathSeparator)));
        all.addAll(addedClassPath);
        return all;
    }

    @Override
    public void close() {
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            ready.join().close();
        }
    }
}
