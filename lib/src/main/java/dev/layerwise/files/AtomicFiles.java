package dev.layerwise.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Writes a file all at once or not at all, for the library's exports (CSV, PNG, SVG): the content
 * goes to a temporary file in the same folder, which is then renamed over the target. A failure
 * at any point leaves the target as it was (absent, or with its old content) and no temporary
 * file behind. Unwritable targets fail before anything is written, with the path and the fix.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /** Writes the content to a stream; may throw, in which case nothing is written. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the file's bytes.
         *
         * @param out the temporary file's stream
         * @throws IOException when the content cannot be produced or written
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes text as UTF-8.
     *
     * @param what the calling method, for messages, e.g. {@code History.saveCsv}
     * @param file the target
     * @param text the content
     * @return the file
     * @throws IOException when the file cannot be written; the message names the path and the fix
     */
    public static Path write(String what, Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(what, file, out -> out.write(bytes));
    }

    /**
     * Writes bytes.
     *
     * @param what the calling method, for messages
     * @param file the target
     * @param bytes the content
     * @return the file
     * @throws IOException when the file cannot be written
     */
    public static Path write(String what, Path file, byte[] bytes) throws IOException {
        return write(what, file, out -> out.write(bytes));
    }

    /**
     * Writes whatever {@code content} produces; if it throws, the target is left untouched.
     *
     * @param what the calling method, for messages
     * @param file the target
     * @param content writes the bytes
     * @return the file
     * @throws IOException when the file cannot be written or the content fails with an IOException
     */
    public static Path write(String what, Path file, Content content) throws IOException {
        Path folder = checkTarget(what, file);
        Path temp = folder.resolve("." + file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
        boolean moved = false;
        try {
            // Not Files.createTempFile: its files are readable by their owner only, and the rename would keep that.
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            keepMode(file, temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return file;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Gives the new content the mode of the file it replaces, so that overwriting an export keeps who may read it. */
    private static void keepMode(Path file, Path temp) throws IOException {
        if (Files.exists(file) && Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
        }
    }

    /** Fails with a clear message when the target cannot be written; returns its folder. */
    static Path checkTarget(String what, Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException(what + "(null): expected a file path, e.g. Path.of(\"out.csv\").");
        }
        if (file.getFileName() == null) {
            throw new IllegalArgumentException(what + "(" + file + "): the path has no file name; give one, e.g. "
                    + "Path.of(\"out.csv\").");
        }
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException(what + "(" + file + "): " + absolute + " is a folder, not a file; give a file name"
                    + " inside it, e.g. " + absolute.resolve("out" + extension(file)) + ".");
        }
        if (!Files.exists(folder)) {
            throw new IOException(what + "(" + file + "): the folder " + folder + " does not exist; create it first"
                    + " (Files.createDirectories(...)) or write somewhere else. Nothing was written.");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(what + "(" + file + "): " + folder + " is a file, not a folder, so nothing can be"
                    + " written inside it; choose another path. Nothing was written.");
        }
        if (!Files.isWritable(folder) || (Files.exists(absolute) && !Files.isWritable(absolute))) {
            throw new IOException(what + "(" + file + "): permission denied writing in " + folder + "; choose a"
                    + " folder you can write to. Nothing was written.");
        }
        return folder;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }
}
