package dev.layerwise.kernel.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Jupyter kernelspec {@code layerwise}: {@code kernel.json} with an absolute argv,
 * display name "Java (Layerwise)", language {@code java}, {@code interrupt_mode: message}, and two
 * logos. {@code bin/layerwise install} runs it; Jupyter then lists the kernel.
 *
 * <p>Only the owner may change what it writes (folder {@code rwxr-xr-x}, files {@code rw-r--r--}),
 * whatever the umask or an earlier install left: whoever can edit {@code kernel.json} chooses the
 * command Jupyter runs.
 *
 * <p>Usage: {@code KernelSpecWriter DIR COMMAND...}.
 */
public final class KernelSpecWriter {
    /**
     * The kernel's environment (bin/layerwise's {@code kernel} command sets the same): glibc's malloc
     * held to two heaps with a fixed 4 MB mmap threshold and a 1 GB trim threshold. JShell runs every
     * cell on a fresh thread; glibc would spread them over up to sixteen heaps on two cores, so a notebook
     * re-running {@code Learner.of(...)} grew by a data set every few cells (see {@code SoakTest}). The
     * fixed thresholds keep a conv net's freed activations in the heap for the next step instead of
     * handing them back to the OS and faulting them in again (bench/NOTES.md). glibc reads these when
     * the process starts, so only the environment can set them.
     *
     * <p>DJL's offline mode is not set here: {@code DJL_OFFLINE} would outrank the system property, and
     * the kernel sets that property itself ({@code Layerwise.engine()}), lifting it only for the one-time
     * download that {@code LAYERWISE_TORCH=cu128} asks for.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2",
            "MALLOC_MMAP_THRESHOLD_", "4194304", "MALLOC_TRIM_THRESHOLD_", "1073741824");

    /** The kernelspec's name, as in {@code jupyter kernelspec list}. */
    public static final String NAME = "layerwise";
    /** The name shown in Jupyter's kernel menu. */
    public static final String DISPLAY_NAME = "Java (Layerwise)";
    private static final String DIR_MODE = "rwxr-xr-x";
    private static final String FILE_MODE = "rw-r--r--";

    private KernelSpecWriter() {}

    /**
     * Writes the kernelspec folder.
     *
     * @param dir the folder, e.g. {@code ~/.local/share/jupyter/kernels/layerwise}
     * @param command the absolute command that starts the kernel; {@code {connection_file}} is appended
     * @throws IOException when the folder cannot be written
     */
    public static void write(Path dir, List<String> command) throws IOException {
        Files.createDirectories(dir);
        List<String> argv = new ArrayList<>(command);
        argv.add("{connection_file}");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", ENVIRONMENT);
        spec.put("metadata", Map.of("debugger", false));
        Files.writeString(dir.resolve("kernel.json"),
                new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n",
                StandardCharsets.UTF_8);
        Logo.write(dir.resolve("logo-32x32.png"), 32);
        Logo.write(dir.resolve("logo-64x64.png"), 64);
        restrict(dir, DIR_MODE);
        for (String file : List.of("kernel.json", "logo-32x32.png", "logo-64x64.png")) {
            restrict(dir.resolve(file), FILE_MODE);
        }
    }

    /** Sets POSIX permissions where the file system has them (not on Windows). */
    private static void restrict(Path path, String mode) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }

    /**
     * Command line entry for {@code bin/layerwise install}.
     *
     * @param args {@code DIR COMMAND...}, e.g. {@code DIR /abs/bin/layerwise kernel}
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: KernelSpecWriter DIR COMMAND... ({connection_file} is appended)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        write(dir, List.of(args).subList(1, args.length));
        System.out.println("Wrote kernelspec '" + NAME + "' (" + DISPLAY_NAME + ") to " + dir);
    }
}
