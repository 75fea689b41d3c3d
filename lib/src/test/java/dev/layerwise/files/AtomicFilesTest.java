package dev.layerwise.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/** Exports are written whole or not at all: a failure part-way leaves no partial file. */
@Tag("unit")
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsHalfWayLeavesNoFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("log.csv");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write("test", target, out -> {
            out.write("step,loss\n1,0.5\n".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of(), names(), "neither the target nor a temporary file");
    }

    @Test
    void aWriteThatFailsHalfWayKeepsTheOldContent() throws IOException {
        Path target = Files.writeString(dir.resolve("log.csv"), "old\n");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write("test", target, out -> {
            out.write("new, but only half".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("the content failed");
        }));
        assertEquals("old\n", Files.readString(target));
        assertEquals(List.of("log.csv"), names());
    }

    @Test
    void aCompleteWriteReplacesTheFileAndLeavesNothingElse() throws IOException {
        Path target = Files.writeString(dir.resolve("log.csv"), "old\n");
        assertEquals(target, AtomicFiles.write("test", target, "new\n"));
        assertEquals("new\n", Files.readString(target));
        assertEquals(List.of("log.csv"), names());
    }

    @Test
    void aNewFileGetsTheUsualModeAndAnOverwrittenFileKeepsItsOwn() throws IOException {
        // The usual mode is what any program's new file gets here (0666 less the umask), not owner-only.
        Path usual = Files.writeString(dir.resolve("usual.txt"), "x");
        Path fresh = AtomicFiles.write("test", dir.resolve("fresh.csv"), "new\n");
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(fresh));

        Path shared = Files.writeString(dir.resolve("shared.csv"), "old\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFiles.write("test", shared, "new\n");
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }

    @Test
    void unwritableTargetsFailBeforeAnythingIsWrittenAndSaySo() throws IOException {
        IOException missing = assertThrows(IOException.class,
                () -> AtomicFiles.write("History.saveCsv", dir.resolve("no/such/folder/h.csv"), "x"));
        assertTrue(missing.getMessage().startsWith("History.saveCsv(") && missing.getMessage().contains("does not exist")
                && missing.getMessage().contains("Files.createDirectories"), missing.getMessage());
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        IOException throughFile = assertThrows(IOException.class,
                () -> AtomicFiles.write("Chart.save", plain.resolve("c.png"), new byte[] {1}));
        assertTrue(throughFile.getMessage().contains("is a file, not a folder"), throughFile.getMessage());
        IOException folder = assertThrows(IOException.class, () -> AtomicFiles.write("GradientLog.saveCsv", dir, "x"));
        assertTrue(folder.getMessage().contains("is a folder") && folder.getMessage().contains("out"),
                folder.getMessage());
        assertEquals(List.of("plain"), names());
    }
}
