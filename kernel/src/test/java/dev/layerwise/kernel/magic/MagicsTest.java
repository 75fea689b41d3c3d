package dev.layerwise.kernel.magic;

import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.train.Learner;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

import ai.djl.Device;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.device.DeviceReport;
import dev.layerwise.device.Problem;
import dev.layerwise.kernel.eval.CellOutcome;
import dev.layerwise.kernel.eval.Evaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Tag("engine")
class MagicsTest {
    static Evaluator evaluator;
    static Magics magics;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator(Evaluator.defaultClassPath());
        evaluator.start();
        magics = new Magics(evaluator);
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    String printed() {
        System.out.flush();
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void lsmagicListsEveryMagicWithItsJavaCall() {
        assertTrue(magics.runCell("%lsmagic").ok());
        for (String name : new String[] {"%time", "%timeit", "%seed", "%threads", "%device", "%classpath", "%maven", "%load",
                "%checkpoints", "%whos"}) {
            assertTrue(printed().contains(name), name + " missing from:\n" + printed());
        }
        assertTrue(printed().contains("Layerwise.seed(long)"));
    }

    @Test
    void whosListsEachVariableWithItsTypeAndAShortValue() {
        CellOutcome made = magics.runCell("var whosNet = Net.input(2).dense(3);\nint whosCount = 42;\n"
                + "String whosName = \"layers\";\nint[] whosArray = {1, 2, 3};\nvar whosList = List.of(1, 2);\n"
                + "Object whosSlow = new Object() { public String toString() {"
                + " try { Thread.sleep(5000); } catch (InterruptedException e) { } return \"late\"; } };");
        assertTrue(made.ok(), () -> made.error().text());
        printed.reset();
        assertTrue(magics.runCell("%whos").ok());
        String table = printed();
        assertTrue(table.startsWith("Variable"), table);
        assertTrue(table.contains("Data/Info"), table);
        for (String row : new String[] {"whosCount +int +42", "whosName +String +\"layers\"",
                "whosArray +int\\[\\] +int\\[3\\] \\{ 1, 2, 3 \\}", "whosList +List<Integer> +size 2",
                "whosNet +Net +Net: input \\[2\\], 1 layers …", "whosSlow +Object +\\(toString\\(\\) did not return within 1 s\\)"}) {
            assertTrue(table.lines().anyMatch(l -> l.matches(row + ".*")), row + " in:\n" + table);
        }
        printed.reset();
        assertTrue(magics.runCell("%whos Net").ok());
        assertTrue(printed().contains("whosNet") && !printed().contains("whosCount"), printed());
        printed.reset();
        assertTrue(magics.runCell("%whos NoSuchType").ok());
        assertEquals("No variables of type NoSuchType.", printed().strip());
        CellOutcome bad = magics.runCell("%whos x=1");
        assertFalse(bad.ok());
        assertTrue(bad.error().evalue().contains("'x=1' is not a type name") && bad.error().evalue().contains("%whos [TYPE...]"),
                bad.error().evalue());
        assertTrue(magics.arguments("whos").containsAll(List.of("Net", "int", "String", "List")), magics.arguments("whos").toString());
    }

    @Test
    void checkpointsListsWhatLearnersSavedAndHowToRestore(@TempDir Path dir) throws Exception {
        String before = System.getProperty("layerwise.checkpoints");
        System.setProperty("layerwise.checkpoints", dir.toString());
        try {
            assertTrue(magics.runCell("%checkpoints").ok());
            assertTrue(printed().contains("No checkpoints in " + dir), printed());
            Learner l = Learner.of(Net.input(2).dense(2), Datasets.twoMoons(40, 0.1, 1).batchSize(8)).quiet();
            l.fit(2);
            printed.reset();
            assertTrue(magics.runCell("%checkpoints").ok());
            assertTrue(printed().contains("2 checkpoints in " + dir) && printed().contains("Checkpoints.restoreNewest(data)"),
                    printed());
            assertFalse(magics.runCell("%checkpoints all").ok(), "no arguments");
        } finally {
            if (before == null) {
                System.clearProperty("layerwise.checkpoints");
            } else {
                System.setProperty("layerwise.checkpoints", before);
            }
        }
    }

    @Test
    void seedCallsLayerwiseAndSaysWhatChanged() {
        CellOutcome out = magics.runCell("%seed 7");
        assertTrue(out.ok(), () -> out.error().text());
        assertEquals(7L, Layerwise.seed());
        assertTrue(printed().contains("→ 7"), printed());
    }

    @Test
    void threadsSetsPyTorchThreads() {
        assertTrue(magics.runCell("%threads 1").ok());
        assertEquals(1, Layerwise.threads());
        assertTrue(printed().contains("→ 1"), printed());
    }

    @Test
    void threadsShowsTheCountAndWhetherFitsFollowTheFreeCores() {
        boolean adapts = Layerwise.adaptsThreads();
        try {
            Layerwise.adaptThreads(true);
            assertTrue(magics.runCell("%threads").ok());
            assertTrue(printed().contains("PyTorch threads: " + Layerwise.threads()), printed());
            assertTrue(printed().contains("While other programs keep cores busy, fit uses fewer"), printed());
            Layerwise.adaptThreads(false);
            assertTrue(magics.runCell("%threads").ok());
            assertTrue(printed().contains("Fits keep this count whatever else runs"), printed());
        } finally {
            Layerwise.adaptThreads(adapts);
        }
    }

    @Test
    void deviceGpuWithoutAUsableGpuSaysWhyAndChangesNothing() {
        DeviceReport report = Layerwise.deviceReport();
        assumeFalse(report.gpuUsable(), "this machine has a usable GPU: deviceGpuTrainsNewLearnersOnTheGpu covers it");
        assertTrue(magics.runCell("%device cpu").ok());
        CellOutcome out = magics.runCell("%device gpu");
        assertFalse(out.ok());
        String error = out.error().evalue();
        assertTrue(error.startsWith("%device: device(\"gpu\"): no usable GPU, so nothing was changed"), error);
        assertFalse(report.problems().isEmpty());
        for (Problem p : report.problems()) {
            assertTrue(error.contains(p.reason()) && error.contains(p.fix()), "reason and fix of " + p + " in " + error);
        }
        assertEquals(Device.cpu(), Layerwise.device());
    }

    @Test
    void deviceAloneShowsTheReport() {
        assertTrue(magics.runCell("%device").ok());
        DeviceReport report = Layerwise.deviceReport();
        assertTrue(printed().contains("Device: " + Layerwise.device()), printed());
        assertTrue(printed().contains("engine   PyTorch 2.7.1 · DJL 0.35.1"), printed());
        assertTrue(printed().contains("natives  " + report.flavor() + " — "), printed());
    }

    @Test
    void deviceAutoTakesTheCpuAndSaysWhyWhenNoGpuIsUsable() {
        DeviceReport report = Layerwise.deviceReport();
        assumeFalse(report.gpuUsable(), "this machine has a usable GPU");
        CellOutcome out = magics.runCell("%device auto");
        assertTrue(out.ok(), () -> out.error().text());
        assertTrue(printed().contains("→ cpu()") && printed().contains("auto: no usable GPU (" + report.whyNoGpu()
                + ")"), printed());
        assertEquals(Device.cpu(), Layerwise.device());
        assertTrue(magics.runCell("%device cpu").ok());
    }

    @Test
    @Tag("gpu")
    void deviceGpuTrainsNewLearnersOnTheGpu() {
        DeviceReport report = Layerwise.deviceReport();
        if (Boolean.getBoolean("layerwise.requireGpu")) {
            assertTrue(report.gpuUsable(), report.toString());
        }
        assumeTrue(report.gpuUsable(), () -> "no usable GPU (" + report.whyNoGpu() + "); see %device");
        try {
            CellOutcome out = magics.runCell("%device gpu");
            assertTrue(out.ok(), () -> out.error().text());
            CellOutcome cell = magics.runCell("var gpuLearner = Learner.of(Net.input(2).dense(16).relu().dense(2),"
                    + " Datasets.twoMoons(400, 0.1, 1).batchSize(20)).quiet();\ngpuLearner.fit(2);\n"
                    + "gpuLearner.device().isGpu() && gpuLearner.evaluate().accuracy() > 0.7");
            assertTrue(cell.ok(), () -> cell.error().text());
            assertEquals(true, cell.value());
        } finally {
            magics.runCell("%device cpu");
        }
    }

    @Test
    void unknownMagicIsAUsageErrorNamingTheAlternatives() {
        CellOutcome out = magics.runCell("%nosuch 1");
        assertEquals("UsageError", out.error().ename());
        assertTrue(out.error().evalue().contains("%seed"), out.error().evalue());
        assertEquals("UsageError", magics.runCell("%seed many").error().ename());
    }

    @Test
    void codeAfterMagicLinesKeepsCellLineNumbers() {
        CellOutcome out = magics.runCell("%seed 1\nint fine = 1;\nint broken = missingName;");
        assertFalse(out.ok());
        assertTrue(out.error().evalue().startsWith("cell line 3:"), out.error().evalue());
    }

    @Test
    void timeReturnsTheValueAndPrintsWallTime() {
        CellOutcome out = magics.runCell("%time 6 * 7");
        assertEquals(42, out.value());
        assertTrue(printed().contains("Wall time:"), printed());
        CellOutcome cell = magics.runCell("%%time\nint t = 2;\nt + 1");
        assertEquals(3, cell.value());
    }

    @Test
    void timeitReportsMeanAndSpread() {
        CellOutcome out = magics.runCell("%timeit -n 100 -r 3 Math.sqrt(2.0)");
        assertTrue(out.ok(), () -> out.error().text());
        assertTrue(printed().contains("per loop (mean ± std. dev. of 3 runs, 100 loops each)"), printed());
    }

    @Test
    void loadRunsAFileInTheSession(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("helpers.jsh");
        Files.writeString(file, "int twice(int x) { return 2 * x; }\n");
        assertTrue(magics.runCell("%load " + file).ok());
        assertEquals(10, magics.runCell("twice(5)").value());
    }

    @Test
    void classpathRejectsMissingPathsAndAddsFolders(@TempDir Path dir) {
        assertFalse(magics.runCell("%classpath /no/such.jar").ok());
        CellOutcome out = magics.runCell("%classpath " + dir);
        assertTrue(out.ok(), () -> out.error().text());
        assertTrue(printed().contains(dir.toString()), printed());
    }

    @Test
    void mavenResolvesFromTheLocalRepositoryOffline() {
        // Gson is a kernel dependency, so the build has put it in the local repository: no network needed.
        CellOutcome out = magics.runCell("%maven --offline com.google.code.gson:gson:2.13.2");
        assertTrue(out.ok(), () -> out.error().text());
        assertTrue(printed().contains("gson-2.13.2.jar"), printed());
        CellOutcome classifier = magics.runCell("%maven --offline ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1");
        assertTrue(classifier.ok(), () -> classifier.error().text());
        assertTrue(printed().contains("pytorch-native-cpu-2.7.1-linux-x86_64.jar"), printed());
    }
}
