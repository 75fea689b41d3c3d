package dev.layerwise.kernel;

import dev.layerwise.kernel.install.KernelSpecWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs Python scripts against the real kernel process through Debian's {@code jupyter_client}.
 *
 * <p>The kernelspec is written to a temporary {@code JUPYTER_PATH}; its argv starts {@code java}
 * with this test JVM's own class path ({@code java.class.path}: the kernel's classes and the
 * library's from the reactor), so no packaged jars are needed and {@code mvn test} works on a clean clone.
 */
final class RealKernel {
    static final String PYTHON = "/usr/bin/python3";

    private RealKernel() {}

    static Path kernelspec(Path root, String name, String javaCommand) throws IOException {
        return kernelspec(root, name, javaCommand, List.of());
    }

    /**
     * A kernelspec whose JVM gets extra options, e.g. {@code -Xmx320m} for a test that fills the heap.
     *
     * @param jvmOptions options placed before the main class, after the defaults (so they win)
     */
    static Path kernelspec(Path root, String name, String javaCommand, List<String> jvmOptions) throws IOException {
        Path dir = root.resolve("kernels").resolve(name);
        Files.createDirectories(dir);
        List<String> argv = new ArrayList<>(List.of(javaCommand, "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.layerwise.kernel.wiring.Main", "{connection_file}"));
        StringBuilder json = new StringBuilder("{\"argv\": [");
        for (int i = 0; i < argv.size(); i++) {
            json.append(i > 0 ? ", " : "").append('"').append(argv.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        json.append("], \"env\": ").append(new com.google.gson.Gson().toJson(KernelSpecWriter.ENVIRONMENT))
                .append(", \"display_name\": \"Layerwise test\", \"language\": \"java\", \"interrupt_mode\": \"message\"}");
        Files.writeString(dir.resolve("kernel.json"), json, StandardCharsets.UTF_8);
        return root;
    }

    static String thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code python3 script args...} with JUPYTER_PATH set; fails the test with its output on a non-zero exit. */
    static String runPython(Path jupyterPath, long timeoutSeconds, String... scriptAndArgs) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing; the kernel tests drive the kernel through Debian's Jupyter client:"
                    + " apt-get install python3-jupyter-client python3-nbclient jupyter-nbconvert");
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-u"));
        cmd.addAll(List.of(scriptAndArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Path log = Files.createTempFile("layerwise-kernel-test", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("timed out after " + timeoutSeconds + " s: " + cmd + "\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        System.out.println(out);
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
