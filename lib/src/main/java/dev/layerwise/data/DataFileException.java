package dev.layerwise.data;

import java.nio.file.Path;

/**
 * A data file that cannot become a data set: a ragged CSV row, a word in a numeric column, an image
 * that does not decode, a NumPy array of an unusable type. The message names the file (and the line,
 * for text files), says what was found and what was expected, and gives the likely fix; nothing of
 * the file is kept, so a failed load leaves no half-read data set behind.
 */
public final class DataFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The file at fault. */
    private final transient Path file;
    /** The line of a text file, counting from 1; 0 when the fault is not on one line. */
    private final long line;

    DataFileException(Path file, long line, String message) {
        super(file + (line > 0 ? ", line " + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    DataFileException(Path file, long line, String message, Throwable cause) {
        this(file, line, message);
        initCause(cause);
    }

    /** @return the file at fault */
    public Path file() {
        return file;
    }

    /** @return the line at fault, counting from 1, or 0 when the fault is not on one line */
    public long line() {
        return line;
    }
}
