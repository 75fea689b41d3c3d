package dev.layerwise.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The NVIDIA kernel driver as the file system shows it, read without loading any library:
 * {@code /proc/driver/nvidia/version} (the driver version), {@code /proc/driver/nvidia/gpus/}
 * (one folder per GPU, its model name), and whether {@code libcuda.so.1}, the user-space half that
 * CUDA programs load, is in a library folder.
 *
 * @param version the driver version, e.g. {@code 570.86.15}, or null without {@code /proc/driver/nvidia}
 * @param gpuNames model names of the GPUs the driver lists, in bus order
 * @param libcuda where {@code libcuda.so.1} was found, or null
 * @param searched the library folders searched for it
 */
public record NvidiaDriver(String version, List<String> gpuNames, Path libcuda, List<Path> searched) {
    private static final Pattern VERSION = Pattern.compile("Kernel Module(?: for \\S+)?\\s+(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Pattern MODEL = Pattern.compile("(?m)^Model:\\s*(.+?)\\s*$");
    private static final List<String> LIB_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/lib/x86_64-linux-gnu", "/lib64", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib",
            "/usr/lib/aarch64-linux-gnu");

    /** @return the driver of this machine */
    public static NvidiaDriver current() {
        return read(Path.of("/proc"), libraryDirs(System.getenv()));
    }

    /**
     * Reads a driver from a {@code /proc}-like tree and library folders, for tests.
     *
     * @param proc the {@code /proc} folder
     * @param libraryDirs folders to look for {@code libcuda.so.1} in
     * @return what was found
     */
    public static NvidiaDriver read(Path proc, List<Path> libraryDirs) {
        Path nvidia = proc.resolve("driver/nvidia");
        String version = null;
        Matcher m = VERSION.matcher(text(nvidia.resolve("version")));
        if (m.find()) {
            version = m.group(1);
        }
        List<String> names = new ArrayList<>();
        Path gpus = nvidia.resolve("gpus");
        if (Files.isDirectory(gpus)) {
            try (Stream<Path> s = Files.list(gpus)) {
                for (Path gpu : s.sorted().toList()) {
                    Matcher model = MODEL.matcher(text(gpu.resolve("information")));
                    names.add(model.find() ? model.group(1) : "unknown model (" + gpu.getFileName() + ")");
                }
            } catch (IOException e) {
                // an unreadable folder lists no GPUs; the version line still tells that a driver is there
            }
        }
        Path libcuda = null;
        for (Path dir : libraryDirs) {
            Path candidate = dir.resolve("libcuda.so.1");
            if (Files.exists(candidate)) {
                libcuda = candidate;
                break;
            }
        }
        return new NvidiaDriver(version, List.copyOf(names), libcuda, List.copyOf(libraryDirs));
    }

    /** The folders the dynamic linker would search: LD_LIBRARY_PATH, then the usual system ones. */
    static List<Path> libraryDirs(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        String ld = env.get("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        LIB_DIRS.forEach(d -> dirs.add(Path.of(d)));
        return dirs;
    }

    /** @return whether any part of the driver is installed */
    public boolean present() {
        return version != null || libcuda != null;
    }

    /** @return e.g. {@code driver 570.86.15, libcuda /usr/lib/x86_64-linux-gnu/libcuda.so.1}, or why there is none */
    public String describe() {
        if (!present()) {
            return "no NVIDIA driver (no /proc/driver/nvidia, no libcuda.so.1)";
        }
        return "driver " + (version == null ? "version unknown (no /proc/driver/nvidia)" : version)
                + (libcuda == null ? ", libcuda.so.1 not found" : ", " + libcuda);
    }

    /** @return the driver's major version, e.g. 570, or -1 when unknown */
    public int major() {
        if (version == null) {
            return -1;
        }
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
