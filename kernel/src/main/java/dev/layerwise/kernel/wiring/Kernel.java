package dev.layerwise.kernel.wiring;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.display.Display;
import dev.layerwise.kernel.display.ImageRenderer;
import dev.layerwise.kernel.display.KernelDisplaySink;
import dev.layerwise.kernel.eval.CellInput;
import dev.layerwise.kernel.eval.Evaluator;
import dev.layerwise.kernel.eval.OutputLimit;
import dev.layerwise.kernel.eval.OutputRouter;
import dev.layerwise.kernel.handler.*;
import dev.layerwise.kernel.install.KernelSpecWriter;
import dev.layerwise.kernel.log.Log;
import dev.layerwise.kernel.magic.Magics;
import dev.layerwise.kernel.protocol.ConnectionInfo;
import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Heartbeat;
import dev.layerwise.kernel.protocol.IoThreads;
import dev.layerwise.kernel.protocol.Iopub;
import dev.layerwise.kernel.protocol.Message;
import dev.layerwise.kernel.protocol.RequestLoop;
import dev.layerwise.kernel.protocol.StdinChannel;
import dev.layerwise.kernel.protocol.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * Wires one kernel: sockets bound where the connection file says, the stream router and display
 * sink, {@code System.in} asking the front end, JShell started in the background, handlers per channel. {@link #awaitShutdown()} returns
 * after a {@code shutdown_request}.
 */
public final class Kernel {
    private final ConnectionInfo connection;
    private final ZMQ.Context context = ZMQ.context(1);
    private final CountDownLatch shutdown = new CountDownLatch(1);
    /** Throwaway snippets compiled after start, so JShell answers quickly from the first minute. */
    static final int WARM_UP_SNIPPETS = 150;
    private Iopub iopub;
    private StdinChannel stdin;
    private static volatile boolean engineLoaded;

    /** @param connection the parsed connection file */
    public Kernel(ConnectionInfo connection) {
        this.connection = connection;
    }

    /** Binds the sockets and starts every thread; returns at once. */
    public void start() {
        IoThreads.install(context);
        WireCodec codec = new WireCodec(connection.key());
        ZMQ.Socket shell = bind(SocketType.ROUTER, connection.shellPort());
        ZMQ.Socket control = bind(SocketType.ROUTER, connection.controlPort());
        stdin = new StdinChannel(bind(SocketType.ROUTER, connection.stdinPort()), codec);
        ZMQ.Socket hb = bind(SocketType.REP, connection.hbPort());
        iopub = new Iopub(bind(SocketType.PUB, connection.iopubPort()), codec);
        iopub.status("starting", null);
        new Heartbeat(hb).start();

        OutputLimit outputLimit = outputLimit();
        OutputRouter router = new OutputRouter((stream, text, parent) ->
                iopub.publish("stream", Map.of("name", stream, "text", text), (Message) parent), Log.stream(), outputLimit);
        router.install();
        CellInput input = new CellInput(router::flush);
        System.setIn(input);
        Display.install(new KernelDisplaySink(iopub, router));
        ImageRenderer.register();

        Evaluator evaluator = new Evaluator(Evaluator.defaultClassPath(), outputLimit);
        Banner banner = new Banner(() -> engineLoaded);
        Thread engine = new Thread(() -> {
            loadEngine();
            if (engineLoaded) {
                banner.listDevices(); // may ask nvidia-smi and the driver: here, not on a request thread
            }
        }, "layerwise-engine-warmup");
        engine.setDaemon(true);
        router.quietThread(engine);
        Thread jshell = new Thread(() -> {
            try {
                evaluator.start();
            } catch (RuntimeException | Error e) {
                Log.warn("JShell failed to start; every cell will report this", e);
            }
            engine.start();
            try {
                engine.join();
                evaluator.warmUpCompiler(WARM_UP_SNIPPETS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Log.warn("compiler warm-up stopped", e);
            }
        }, "layerwise-jshell-start");
        jshell.setDaemon(true);
        router.quietThread(jshell);
        jshell.start();

        Services services = new Services(evaluator, new Magics(evaluator), router, new Services.Input(input, stdin),
                banner::text, shutdown::countDown);
        Handler info = new KernelInfoHandler(services);
        Handler stop = new ShutdownHandler(services);
        Map<String, Handler> shellHandlers = new HashMap<>();
        shellHandlers.put("kernel_info_request", info);
        shellHandlers.put("execute_request", new ExecuteHandler(services));
        shellHandlers.put("complete_request", new CompleteHandler(services));
        shellHandlers.put("inspect_request", new InspectHandler(services));
        shellHandlers.put("is_complete_request", new IsCompleteHandler(services));
        shellHandlers.put("history_request", new HistoryHandler(services));
        shellHandlers.put("comm_info_request", new CommInfoHandler());
        shellHandlers.put("shutdown_request", stop);
        Handler comm = new CommHandler();
        shellHandlers.put("comm_open", comm);
        shellHandlers.put("comm_msg", comm);
        shellHandlers.put("comm_close", comm);
        Map<String, Handler> controlHandlers = new HashMap<>();
        controlHandlers.put("kernel_info_request", info);
        controlHandlers.put("shutdown_request", stop);
        controlHandlers.put("interrupt_request", new InterruptHandler(services));
        new RequestLoop("control", control, codec, iopub, controlHandlers).start();
        new RequestLoop("shell", shell, codec, iopub, shellHandlers).start();
        Log.info("kernel ready on " + connection.endpoint(connection.shellPort()) + " (shell); Java "
                + System.getProperty("java.version"));
        if (System.getenv("MALLOC_ARENA_MAX") == null && System.getProperty("os.name", "").startsWith("Linux")) {
            Log.info("MALLOC_ARENA_MAX is not set (started without bin/layerwise?): native memory may grow as cells"
                    + " train; bin/layerwise kernel and the kernelspec set " + new TreeMap<>(KernelSpecWriter.ENVIRONMENT));
        }
    }

    private static OutputLimit outputLimit() {
        try {
            OutputLimit limit = OutputLimit.fromEnvironment();
            Log.debug("output limit: " + limit);
            return limit;
        } catch (IllegalArgumentException e) {
            OutputLimit limit = OutputLimit.of(OutputLimit.DEFAULT_BYTES);
            Log.warn(e.getMessage() + "; using the default, " + limit);
            return limit;
        }
    }

    private static void loadEngine() {
        try {
            Layerwise.engine();
            engineLoaded = true;
        } catch (RuntimeException | LinkageError e) {
            Log.warn("the PyTorch engine did not load in the background; cells that train will say why", e);
        }
    }

    private ZMQ.Socket bind(SocketType type, int port) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(0);
        String endpoint = connection.endpoint(port);
        try {
            socket.bind(endpoint);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot bind " + type + " socket to " + endpoint + " (" + e.getMessage()
                    + "); another process may hold the port — let Jupyter pick new ports by restarting the kernel.", e);
        }
        return socket;
    }

    /** Blocks until a {@code shutdown_request} was answered, then closes the sockets within about half a second. */
    public void awaitShutdown() throws InterruptedException {
        shutdown.await();
        long t0 = System.nanoTime();
        iopub.close(300);
        stdin.close(200);
        long t1 = System.nanoTime();
        Thread term = new Thread(context::term, "layerwise-zmq-term");
        term.setDaemon(true);
        term.start();
        term.join(300);
        Log.debug(String.format("shutdown: iopub drained in %.1f ms, sockets closed in %.1f ms%s", (t1 - t0) / 1e6,
                (System.nanoTime() - t1) / 1e6, term.isAlive() ? " (a busy cell kept its socket; exiting anyway)" : ""));
    }
}
