package dev.layerwise.kernel.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.in} for cells: when a read finds nothing buffered, it asks the front end for a line
 * (Jupyter's {@code input_request}) and hands out that line and a line break, so
 * {@code new Scanner(System.in).nextLine()} and {@code BufferedReader.readLine()} work as in a terminal.
 *
 * <p>Each cell says how to ask ({@link #begin}); a front end that does not take input
 * ({@code allow_stdin: false}, as nbconvert sends) makes a read fail at once with a message saying
 * so, and so does a read from a thread after its cell has ended. Those failures, and an interrupt
 * while waiting, are unchecked ({@link UncheckedIOException}): {@code Scanner} would swallow an
 * {@code IOException} and report only "No line found". Output written before the read is sent
 * first, so a prompt printed with {@code System.out.print} shows above the input box.
 */
public final class CellInput extends InputStream {
    static final String NO_CELL = "System.in: no cell is running to ask for input (a thread that outlived its cell"
            + " read System.in); read input in the cell itself";

    /** Asks the front end for one line. */
    @FunctionalInterface
    public interface LineSource {
        /**
         * @param prompt the text shown beside the input box
         * @return the line typed, without its line break
         * @throws InterruptedException when the cell is interrupted while waiting
         */
        String readLine(String prompt) throws InterruptedException;
    }

    private final Runnable beforeAsking;
    private volatile LineSource source;
    private volatile String refusal = NO_CELL;
    private byte[] buffer = new byte[0];
    private int position;

    /** @param beforeAsking sends the output written so far (the prompt), e.g. the output router's flush */
    public CellInput(Runnable beforeAsking) {
        this.beforeAsking = beforeAsking;
    }

    /**
     * Starts a cell: text left over from the last one is dropped.
     *
     * @param lines how to ask the front end, or null when it takes no input
     * @param refusal why it takes none, the message a read fails with then
     */
    public synchronized void begin(LineSource lines, String refusal) {
        this.source = lines;
        this.refusal = refusal;
        buffer = new byte[0];
        position = 0;
    }

    /** Ends the cell: later reads fail, saying no cell is running. */
    public void end() {
        source = null;
        refusal = NO_CELL;
    }

    @Override
    public synchronized int read() {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /** @return what is buffered: readers such as {@code InputStreamReader} ask before reading more */
    @Override
    public synchronized int available() {
        return buffer.length - position;
    }

    /** @return true once something is buffered; asks the front end when nothing is */
    private boolean fill() {
        if (position < buffer.length) {
            return true;
        }
        LineSource lines = source;
        if (lines == null) {
            String why = refusal;
            throw new UncheckedIOException(why, new IOException(why));
        }
        beforeAsking.run();
        try {
            buffer = (lines.readLine("") + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String why = "System.in: the cell was interrupted while it waited for input";
            throw new UncheckedIOException(why, new InterruptedIOException(why));
        }
    }
}
