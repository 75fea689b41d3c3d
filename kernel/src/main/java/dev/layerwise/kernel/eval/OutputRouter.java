package dev.layerwise.kernel.eval;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Streams {@code System.out} and {@code System.err} to the front end while a cell runs.
 *
 * <p>Text is buffered and sent {@value #FLUSH_DELAY_MS} ms after the first unsent write (so a
 * tight loop of prints becomes a few messages, not thousands), and at the end of each cell. Output
 * written between cells goes to the last cell, as in IPython; output before the first cell, or
 * from threads marked {@linkplain #quietThread quiet}, goes to the kernel's log.
 *
 * <p>A cell's two streams together send at most its {@link OutputLimit}; the rest is counted and
 * dropped before it is decoded (so printing 100 MB costs little), with one notice when the limit
 * is reached and one at {@link #end()} saying how much was left out.
 */
public final class OutputRouter {
    /** How long text may wait in the buffer before it is sent. */
    public static final long FLUSH_DELAY_MS = 50;

    /** Receives text for the front end. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param stream {@code stdout} or {@code stderr}
         * @param text the text
         * @param parent the token passed to {@link #begin} for the cell it belongs to
         */
        void send(String stream, String text, Object parent);
    }

    private final Sink sink;
    private final PrintStream log;
    private final OutputLimit limit;
    private final Budget budget = new Budget();
    private final Routed out = new Routed("stdout");
    private final Routed err = new Routed("stderr");
    private final PrintStream outStream = new PrintStream(out, false, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, false, StandardCharsets.UTF_8);
    private final Set<Thread> quiet = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(KernelThreads.daemon("layerwise-output-flush"));
    private volatile Object parent;
    private volatile boolean silent;

    /**
     * @param sink where cell output goes
     * @param log where output that belongs to no cell goes
     */
    public OutputRouter(Sink sink, PrintStream log) {
        this(sink, log, OutputLimit.of(0));
    }

    /**
     * @param sink where cell output goes
     * @param log where output that belongs to no cell goes
     * @param limit how much each cell may send
     */
    public OutputRouter(Sink sink, PrintStream log, OutputLimit limit) {
        this.sink = sink;
        this.log = log;
        this.limit = limit;
    }

    /** Makes {@code System.out} and {@code System.err} write through this router. */
    public void install() {
        System.setOut(outStream);
        System.setErr(errStream);
    }

    /**
     * Routes output from {@code thread} to the kernel log, whatever cell runs.
     *
     * @param thread a kernel-owned thread, such as the engine warm-up
     */
    public void quietThread(Thread thread) {
        quiet.add(thread);
    }

    /**
     * Starts a cell: later output belongs to {@code cellParent}.
     *
     * @param cellParent the cell's token (its request)
     * @param silentCell whether to drop the cell's output (Jupyter's {@code silent})
     */
    public void begin(Object cellParent, boolean silentCell) {
        flush();
        parent = cellParent;
        silent = silentCell;
        budget.reset();
    }

    /**
     * Ends a cell: sends what is buffered and, when the cell went over its limit, a notice of how
     * much was not shown. Output written later (background threads) still counts against this cell.
     */
    public void end() {
        flush();
        long dropped = budget.takeDropped();
        Object target = parent;
        if (dropped > 0 && target != null && !silent) {
            sink.send("stderr", limit.truncatedNotice(dropped), target);
        }
    }

    /** Sends everything buffered now. */
    public void flush() {
        out.flush();
        err.flush();
    }

    /** @return the token of the current or last cell, or null before the first */
    public Object parent() {
        return parent;
    }

    /** @return whether the current cell is silent */
    public boolean silent() {
        return silent;
    }

    /** The current cell's allowance, shared by both streams. */
    private final class Budget {
        private long used;
        private long dropped;
        private boolean noticeDue = true;

        synchronized void reset() {
            used = 0;
            dropped = 0;
            noticeDue = true;
        }

        /** @return how many of {@code len} bytes may be sent; the rest are counted as dropped */
        synchronized int admit(int len) {
            long pass = Math.max(0, Math.min(len, limit.bytes() - used));
            used += pass;
            dropped += len - pass;
            return (int) pass;
        }

        /** @return true once per cell, when the first bytes are dropped */
        synchronized boolean takeNotice() {
            boolean due = noticeDue && dropped > 0;
            noticeDue &= !due;
            return due;
        }

        /** @return the bytes dropped since the last call, resetting the count */
        synchronized long takeDropped() {
            long d = dropped;
            dropped = 0;
            return d;
        }
    }

    private final class Routed extends OutputStream {
        private final String name;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer pending = ByteBuffer.allocate(8192);
        private final StringBuilder text = new StringBuilder();
        private boolean scheduled;

        Routed(String name) {
            this.name = name;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (quiet.contains(Thread.currentThread())) {
                log.write(b, off, len);
                return;
            }
            synchronized (this) {
                int pass = budget.admit(len);
                boolean cut = pass < len;
                len = pass;
                while (len > 0) {
                    int n = Math.min(len, pending.remaining());
                    pending.put(b, off, n);
                    off += n;
                    len -= n;
                    decodePending();
                }
                if (cut) {
                    pending.clear();
                    decoder.reset();
                    if (budget.takeNotice()) {
                        text.append(limit.reachedNotice());
                    }
                }
                if (!scheduled && text.length() > 0) {
                    scheduled = true;
                    timer.schedule(this::flush, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
                }
            }
        }

        private void decodePending() {
            pending.flip();
            CharBuffer chars = CharBuffer.allocate(pending.remaining() + 1);
            decoder.decode(pending, chars, false);
            chars.flip();
            text.append(chars);
            pending.compact();
        }

        @Override
        public synchronized void flush() {
            scheduled = false;
            if (text.length() == 0) {
                return;
            }
            String chunk = text.toString();
            text.setLength(0);
            Object target = parent;
            if (target == null) {
                log.print(chunk);
                log.flush();
            } else if (!silent) {
                sink.send(name, chunk, target);
            }
        }
    }
}
