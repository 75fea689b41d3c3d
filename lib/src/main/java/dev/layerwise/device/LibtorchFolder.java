package dev.layerwise.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a folder of PyTorch native libraries holds, read from its files without loading anything:
 * whether it has {@code libtorch.so}, whether it is a CUDA build ({@code libtorch_cuda.so}), and
 * its version where the folder says it — {@code ../build-version} in the libtorch zip
 * ({@code 2.7.1+cu128}) or {@code ../version.py} in a pip-installed {@code torch/lib}
 * ({@code __version__ = '2.7.1+cu128'}, {@code cuda = '12.8'}).
 *
 * @param dir the folder
 * @param hasLibtorch whether {@code libtorch.so} is there
 * @param hasCuda whether {@code libtorch_cuda.so} is there
 * @param version the full version, e.g. {@code 2.7.1+cu128}, or null when the folder does not say
 * @param versionSource the file the version came from, or null
 * @param cudaVersion the CUDA version it was built for, e.g. {@code 12.8}, or null
 */
public record LibtorchFolder(Path dir, boolean hasLibtorch, boolean hasCuda, String version, Path versionSource,
        String cudaVersion) {
    private static final Pattern PY_VERSION = Pattern.compile("(?m)^__version__\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern PY_CUDA = Pattern.compile("(?m)^cuda\\s*(?::[^=]*)?=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern CU_SUFFIX = Pattern.compile("\\+cu(\\d+)(\\d)$");
    private static final Pattern BASE = Pattern.compile("^(\\d+\\.\\d+\\.\\d+)");

    /**
     * Reads a folder. An entry of {@code PYTORCH_LIBRARY_PATH} may also name {@code libtorch.so}
     * itself, as DJL allows; then its folder is read.
     *
     * @param entry a folder, or the path of {@code libtorch.so}
     * @return what it holds
     */
    public static LibtorchFolder inspect(Path entry) {
        Path dir = Files.isRegularFile(entry) && entry.getFileName().toString().equals("libtorch.so")
                ? entry.getParent() : entry;
        boolean libtorch = Files.isRegularFile(dir.resolve("libtorch.so"));
        boolean cuda = Files.isRegularFile(dir.resolve("libtorch_cuda.so"));
        Path parent = dir.toAbsolutePath().getParent();
        String version = null;
        Path source = null;
        String cudaVersion = null;
        if (parent != null) {
            Path buildVersion = parent.resolve("build-version");
            Path versionPy = parent.resolve("version.py");
            if (Files.isRegularFile(buildVersion)) {
                version = read(buildVersion).strip();
                source = buildVersion;
            } else if (Files.isRegularFile(versionPy)) {
                String text = read(versionPy);
                version = group(PY_VERSION, text);
                cudaVersion = group(PY_CUDA, text);
                source = version == null ? null : versionPy;
            }
        }
        if (version != null && version.isEmpty()) {
            version = null;
            source = null;
        }
        if (cudaVersion == null && version != null) {
            Matcher m = CU_SUFFIX.matcher(version);
            if (m.find()) {
                cudaVersion = m.group(1) + "." + m.group(2);
            }
        }
        return new LibtorchFolder(dir, libtorch, cuda, version, source, cudaVersion);
    }

    /** @return the version without its build suffix, e.g. {@code 2.7.1}, or null when unknown */
    public String baseVersion() {
        return baseOf(version);
    }

    /** @return the DJL flavor this build matches: {@code cpu}, or {@code cu} and the CUDA version's digits */
    public String flavor() {
        if (!hasCuda) {
            return "cpu";
        }
        return cudaVersion == null ? "cuda" : "cu" + cudaVersion.replace(".", "");
    }

    /**
     * The {@code major.minor.patch} part of a version.
     *
     * @param version e.g. {@code 2.7.1+cu128} or {@code 2.7.1-20250812}
     * @return e.g. {@code 2.7.1}, or null
     */
    static String baseOf(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = BASE.matcher(version.strip());
        return m.find() ? m.group(1) : null;
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
