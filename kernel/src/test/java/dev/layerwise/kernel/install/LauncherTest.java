package dev.layerwise.kernel.install;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/layerwise notebook} and {@code test} on a machine that lacks Jupyter, the data and the test tools,
 * as root, through sudo, and as a user who can do neither; and the launcher's shell stays within bash 3.2.
 * The machine is faked: a copy of the launcher in a folder of its own, and a PATH of the real basic tools plus
 * shims for {@code id}, {@code sudo}, {@code dpkg-query}, {@code apt-get}, {@code mvn} and Python that answer as
 * the scenario says and write down how they were called. Nothing is installed.
 */
@Tag("unit")
class LauncherTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> JUPYTER = List.of("jupyter-notebook", "python3-jupyter-client", "python3-nbclient",
            "jupyter-nbconvert", "jupyter-console");
    private static final List<String> REAL_TOOLS = List.of("bash", "env", "dirname", "basename", "cat", "grep", "sed",
            "tr", "paste", "find", "uname", "mktemp", "rm", "mkdir", "head", "tail", "touch", "sort", "ls", "wc");

    @TempDir
    Path dir;
    private Path root;
    private Path bin;
    private Path calls;
    /** The scenario: what the fake machine has. */
    private final Map<String, String> machine = new HashMap<>();

    @BeforeEach
    void fakeMachine() throws IOException {
        root = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(root.resolve("bin"));
        Path launcher = Files.copy(PROJECT.resolve("bin/layerwise"), root.resolve("bin/layerwise"));
        executable(launcher);
        // a built checkout: the launcher finds its jars and class paths and does not build
        for (String module : List.of("lib", "kernel")) {
            Path target = Files.createDirectories(root.resolve(module + "/target"));
            Files.writeString(target.resolve("layerwise-" + module + "-0.1.0-SNAPSHOT.jar"), "");
            Files.writeString(target.resolve("classpath.txt"), "");
        }
        bin = Files.createDirectories(dir.resolve("bin"));
        calls = dir.resolve("calls.log");
        for (String tool : REAL_TOOLS) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        shim("id", "echo \"$FAKE_UID\"");
        // sudo -n true: may sudo run without asking for a password?
        shim("sudo", "[ \"$FAKE_SUDO\" = nopasswd ] || exit 1; [ \"$1\" = -n ] && exit 0; echo \"sudo $*\" >> \"$FAKE_CALLS\";"
                + " exec \"$@\"");
        shim("dpkg-query", "for last; do :; done; for p in $FAKE_DEBS; do [ \"$p\" = \"$last\" ] && { printf 'install ok"
                + " installed'; exit 0; }; done; exit 1");
        shim("apt-get", "echo \"apt-get $*\" >> \"$FAKE_CALLS\"");
        shim("mvn", "echo \"mvn $*\" >> \"$FAKE_CALLS\"");
        shim("javac", "exit 0");
        // Python: 'import m' succeeds for the modules the machine has; -m runs a module: the kernelspec list
        // shows the kernel installed, anything else (notebook) is written down
        shim("python3", """
                if [ "$1" = -c ]; then
                  m="${2#import }"; for have in $FAKE_MODULES; do [ "$have" = "$m" ] && exit 0; done; exit 1
                fi
                if [ "$2" = jupyter_client.kernelspecapp ]; then echo "  layerwise    /fake/kernels/layerwise"; exit 0; fi
                echo "python3 $*" >> "$FAKE_CALLS"
                """);
        machine.put("FAKE_UID", "0");
        machine.put("FAKE_SUDO", "none");
        machine.put("FAKE_DEBS", "");
        machine.put("FAKE_MODULES", "");
        machine.put("LAYERWISE_FASHION_MNIST", dir.resolve("no-data").toString());
    }

    private void shim(String name, String body) throws IOException {
        executable(Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body + "\n"));
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The exit code and everything printed, stdout and stderr together. */
    private record Run(int code, String out) {}

    private Run launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bin.resolve("bash").toString(), root.resolve("bin/layerwise").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(machine);
        env.put("PATH", bin.toString());
        env.put("HOME", dir.toString());
        env.put("FAKE_CALLS", calls.toString());
        env.put("LAYERWISE_PYTHON", bin.resolve("python3").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/layerwise " + String.join(" ", args) + " did not finish in 120 s");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private static void assertHas(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
        }
    }

    private void allTestToolsPresent() throws IOException {
        machine.put("FAKE_MODULES", "jupyter_client nbclient nbconvert notebook jupyter_console ipykernel zmq sklearn"
                + " numpy selenium torch");
        machine.put("FAKE_DEBS", "chromium chromium-driver libopenblas0-pthread");
        Path data = Files.createDirectories(dir.resolve("fashion-mnist"));
        Files.writeString(data.resolve("train-images-idx3-ubyte.gz"), "");
        machine.put("LAYERWISE_FASHION_MNIST", data.toString());
    }

    @Test
    void notebookAsRootInstallsJupyterAndTheDataThenStartsJupyterWithAllowRoot() throws Exception {
        Run run = launch("notebook");
        assertEquals(0, run.code(), run.out());
        assertHas(run.out(), "missing: Jupyter (" + String.join(" ", JUPYTER) + ")",
                "the Fashion-MNIST files the notebooks train on (dataset-fashion-mnist)", "installing with apt-get",
                "running as root: starting Jupyter with --allow-root");
        List<String> calls = calls();
        assertEquals("apt-get update -q", calls.get(0));
        assertEquals("apt-get install -y -q --no-install-recommends " + String.join(" ", JUPYTER) + " dataset-fashion-mnist",
                calls.get(1));
        assertEquals("python3 -m notebook --ip=127.0.0.1 --notebook-dir=" + root + " --allow-root", calls.get(2));
        assertEquals(3, calls.size(), calls::toString);
    }

    @Test
    void notebookDryRunSaysWhatItWouldInstallAndRunAndDoesNeither() throws Exception {
        Run run = launch("notebook", "--dry-run", "--port=9999");
        assertEquals(0, run.code(), run.out());
        assertHas(run.out(), "--dry-run: would run: apt-get update -q && env DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
                + " --no-install-recommends " + String.join(" ", JUPYTER) + " dataset-fashion-mnist",
                "-m notebook --ip=127.0.0.1 --notebook-dir=" + root + " --allow-root --port=9999");
        assertEquals(List.of(), calls());
    }

    @Test
    void notebookAsAUserWithPasswordlessSudoInstallsThroughSudoAndLeavesOutAllowRoot() throws Exception {
        machine.put("FAKE_UID", "1000");
        machine.put("FAKE_SUDO", "nopasswd");
        machine.put("FAKE_MODULES", "jupyter_client nbclient nbconvert notebook jupyter_console");
        Run run = launch("notebook");
        assertEquals(0, run.code(), run.out());
        assertHas(run.out(), "installing with sudo apt-get: dataset-fashion-mnist");
        assertFalse(run.out().contains("allow-root"), run.out());
        assertTrue(calls().contains("sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dataset-fashion-mnist"),
                calls().toString());
        assertEquals("python3 -m notebook --ip=127.0.0.1 --notebook-dir=" + root, calls().get(calls().size() - 1));
    }

    @Test
    void notebookAsAUserWhoCannotInstallSaysTheCommandAndStopsWithoutJupyter() throws Exception {
        machine.put("FAKE_UID", "1000");
        Run run = launch("notebook");
        assertNotEquals(0, run.code(), run.out());
        assertHas(run.out(), "not root and no sudo: install them with:  sudo apt-get update && sudo apt-get install -y -q"
                + " --no-install-recommends " + String.join(" ", JUPYTER) + " dataset-fashion-mnist", "Jupyter is missing");
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("apt-get") || c.startsWith("python3")), calls().toString());
    }

    @Test
    void testOnAFreshMachineInstallsEveryPackageTheSuiteNeedsThenRunsMaven() throws Exception {
        Files.delete(bin.resolve("javac"));
        Run run = launch("test", "-Dgroups=unit");
        assertEquals(0, run.code(), run.out());
        List<String> calls = calls();
        assertEquals("apt-get update -q", calls.get(0));
        List<String> installed = List.of(calls.get(1).replace("apt-get install -y -q --no-install-recommends ", "").split(" "));
        for (String pkg : List.of("default-jdk-headless", "jupyter-notebook", "python3-jupyter-client", "python3-nbclient",
                "jupyter-nbconvert", "jupyter-console", "python3-ipykernel", "python3-zmq", "dataset-fashion-mnist",
                "python3-sklearn", "python3-numpy", "chromium", "chromium-driver", "python3-selenium", "python3-torch",
                "libopenblas0-pthread")) {
            assertTrue(installed.contains(pkg), pkg + " in " + installed);
        }
        assertFalse(installed.contains("maven"), "Maven is there: " + installed);
        assertHas(run.out(), "a JDK (default-jdk-headless)", "the browser test (chromium chromium-driver python3-selenium)");
        assertEquals("mvn -B test -Dgroups=unit", calls.get(2));
    }

    @Test
    void testWithEverythingPresentInstallsNothingAndRunsMaven() throws Exception {
        allTestToolsPresent();
        Run run = launch("test");
        assertEquals(0, run.code(), run.out());
        assertFalse(run.out().contains("missing"), run.out());
        assertEquals(List.of("mvn -B test"), calls());
    }

    @Test
    void testAsAUserWhoCannotInstallNamesWhatIsMissingAndTheAptCommandAndRunsNothing() throws Exception {
        allTestToolsPresent();
        machine.put("FAKE_UID", "1000");
        machine.put("FAKE_DEBS", "chromium chromium-driver");
        Run run = launch("test");
        assertEquals(1, run.code(), run.out());
        assertHas(run.out(), "missing: PyTorch on OpenBLAS (libopenblas0-pthread)",
                "sudo apt-get update && sudo apt-get install -y -q --no-install-recommends libopenblas0-pthread",
                "or run mvn -B test as it is");
        assertEquals(List.of(), calls());
    }

    @Test
    void testWithoutAptGetSaysWhatSeemsMissingAndRunsTheSuiteAnyway() throws Exception {
        allTestToolsPresent();
        Files.delete(bin.resolve("apt-get"));
        machine.put("FAKE_DEBS", "");
        Run run = launch("test");
        assertEquals(0, run.code(), run.out());
        assertHas(run.out(), "no apt-get here", "running the tests anyway");
        assertEquals(List.of("mvn -B test"), calls());
    }

    @Test
    void renderUsesAKernelspecInATemporaryJupyterPathAtScaleOneAndInstallsNothing() throws Exception {
        allTestToolsPresent();
        shim("java", "echo \"java $*\" >> \"$FAKE_CALLS\"");
        // the render script: where Jupyter looks for kernels, whether that folder exists while it runs, the scale
        shim("python3", """
                if [ "$1" = -c ]; then
                  m="${2#import }"; for have in $FAKE_MODULES; do [ "$have" = "$m" ] && exit 0; done; exit 1
                fi
                [ -d "$JUPYTER_PATH" ] && there=present || there=absent
                echo "python3 $* JUPYTER_PATH=$JUPYTER_PATH ($there) SCALE=$LAYERWISE_TUTORIAL_SCALE" >> "$FAKE_CALLS"
                """);
        Run run = launch("render", "02-relu", "00-quickstart");
        assertEquals(0, run.code(), run.out());
        List<String> calls = calls();
        assertEquals(2, calls.size(), calls::toString);
        Matcher spec = Pattern.compile("java .*KernelSpecWriter (\\S+)/kernels/layerwise-render " + Pattern.quote(
                root.resolve("bin/layerwise").toString()) + " kernel").matcher(calls.get(0));
        assertTrue(spec.matches(), calls.get(0));
        String jupyterPath = spec.group(1);
        assertEquals("python3 " + root.resolve("kernel/src/test/python/render_notebooks.py") + " layerwise-render " + root
                + " 02-relu 00-quickstart JUPYTER_PATH=" + jupyterPath + " (present) SCALE=1", calls.get(1));
        assertFalse(Files.exists(Path.of(jupyterPath)), "the temporary kernelspec folder is removed afterwards");
        assertFalse(Files.exists(dir.resolve(".local")), "nothing is installed under HOME");
    }

    @Test
    void theKernelKeepsLibtorchsOpenMpWaitSinceFitsGiveUpThreadsWhenTheMachineIsBusy() throws Exception {
        javaThatWritesItsOpenMpEnvironment();
        Run run = launch("kernel", "/tmp/connection.json");
        assertEquals(0, run.code(), run.out());
        assertEquals(List.of("java GOMP_SPINCOUNT=unset OMP_WAIT_POLICY=unset"), calls());
    }

    @Test
    void aSpinCountOrWaitPolicyOfTheUsersOwnIsLeftAsItIs() throws Exception {
        javaThatWritesItsOpenMpEnvironment();
        machine.put("GOMP_SPINCOUNT", "300000");
        launch("kernel", "/tmp/connection.json");
        machine.remove("GOMP_SPINCOUNT");
        machine.put("OMP_WAIT_POLICY", "ACTIVE");
        launch("example");
        assertEquals(List.of("java GOMP_SPINCOUNT=300000 OMP_WAIT_POLICY=unset", "java GOMP_SPINCOUNT=unset OMP_WAIT_POLICY=ACTIVE"),
                calls());
    }

    /** libgomp reads these once, when libtorch loads: the JVM must be started with them. */
    private void javaThatWritesItsOpenMpEnvironment() throws IOException {
        shim("java", "echo \"java GOMP_SPINCOUNT=${GOMP_SPINCOUNT-unset} OMP_WAIT_POLICY=${OMP_WAIT_POLICY-unset}\" >> \"$FAKE_CALLS\"");
    }

    /** Constructs bash 3.2 (macOS's /bin/bash) lacks, and GNU-only flags of tools macOS has in BSD versions. */
    private static final Map<String, String> NOT_IN_BASH_32 = Map.ofEntries(
            Map.entry("declare -A|local -A|typeset -A", "associative arrays (bash 4)"),
            Map.entry("\\bmapfile\\b|\\breadarray\\b", "mapfile/readarray (bash 4)"),
            Map.entry("\\$\\{[A-Za-z_][A-Za-z_0-9]*(\\[[^]]*\\])?(,,?|\\^\\^?)", "case conversion ${x,,} (bash 4)"),
            Map.entry("\\|&|&>>|;;&|;&\\s*$", "|&, &>> and case fall-through (bash 4)"),
            Map.entry("\\[\\[ -v |declare -n|local -n|\\$\\{[A-Za-z_]+@[QEPAa]\\}", "-v, namerefs, ${x@Q} (bash 4.2+)"),
            Map.entry("\\bcoproc\\b|wait -n|globstar|\\$EPOCH", "coproc, wait -n, globstar, $EPOCHSECONDS (bash 4+)"),
            Map.entry("\\[-1\\]", "negative array subscripts (bash 4.3)"),
            Map.entry("mktemp --|sed -i |sed -i$|grep -P|readlink -f|stat -c|date -d|find [^|]*-printf|xargs -r|sort -V",
                    "GNU-only options of tools macOS has in BSD versions"),
            Map.entry("grep [^|]*\\\\s", "\\s in grep patterns (use [[:space:]])"));

    @Test
    void theLauncherAndCiScriptsUseNothingBash32Lacks() throws IOException {
        List<String> found = new ArrayList<>();
        for (String script : List.of("bin/layerwise", ".ci/run", ".ci/check-natives")) {
            List<String> lines = Files.readAllLines(PROJECT.resolve(script));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replaceAll("^\\s*#.*", "");
                for (Map.Entry<String, String> rule : NOT_IN_BASH_32.entrySet()) {
                    Matcher m = Pattern.compile(rule.getKey()).matcher(line);
                    if (m.find()) {
                        found.add(script + ":" + (i + 1) + ": " + rule.getValue() + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theBash32CheckCatchesWhatItLooksFor() {
        for (String bad : List.of("declare -A seen", "mapfile -t lines < f", "echo ${name,,}", "cmd |& tee",
                "[[ -v HOME ]]", "echo ${arr[-1]}", "tmp=$(mktemp --suffix=.jsh)", "grep -E '^\\s*x'")) {
            assertTrue(NOT_IN_BASH_32.keySet().stream().anyMatch(p -> Pattern.compile(p).matcher(bad).find()), bad);
        }
    }
}
