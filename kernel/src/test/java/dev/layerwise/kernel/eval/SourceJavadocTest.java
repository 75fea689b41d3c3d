package dev.layerwise.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class SourceJavadocTest {
    static SourceJavadoc docs;

    @BeforeAll
    static void findTheLibrarySources() {
        List<Path> found = SourceJavadoc.besideClassPath(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        assertTrue(found.stream().anyMatch(p -> p.getFileName().toString().matches("layerwise-lib-.*-sources\\.jar")),
                "the library's build leaves its sources jar beside its classes: " + found);
        docs = new SourceJavadoc(found);
    }

    @AfterAll
    static void close() {
        docs.close();
    }

    @Test
    void aMethodShownWithItsImportedClassNameFindsItsJavadoc() {
        String doc = docs.find("History Learner.fit(int epochs)");
        assertTrue(doc.startsWith("Trains for some epochs, continuing from where the last call stopped."), doc);
        assertTrue(doc.contains("@param epochs"), doc);
    }

    @Test
    void overloadsAreToldApartByTheirParameterTypes() {
        String oneLayer = docs.find("dev.layerwise.nn.Net dev.layerwise.nn.Net.init(String layer, dev.layerwise.nn.Init weights)");
        String all = docs.find("dev.layerwise.nn.Net dev.layerwise.nn.Net.init(dev.layerwise.nn.Init weights)");
        assertTrue(oneLayer.startsWith("Gives one layer its own weight initializer."), oneLayer);
        assertTrue(!all.equals(oneLayer) && all.contains("@param weights"), all);
        assertTrue(docs.find("Learner Learner.freeze(String... layersOrPatterns)").startsWith("Stops some layers from learning"));
        assertTrue(docs.find("java.util.Map<String,float[]> Learner.parameters()").contains("by full name"));
    }

    @Test
    void classesFindTheirOwnJavadoc() {
        assertTrue(docs.find("dev.layerwise.train.Learner").contains("Learner"), docs.find("dev.layerwise.train.Learner"));
        assertTrue(docs.find("Display").startsWith("Turns values into MIME bundles"), docs.find("Display"));
    }

    @Test
    void whatTheSourcesDoNotHoldHasNoJavadoc() {
        assertNull(docs.find("int Math.max(int a, int b)"), "JDK classes are JShell's own business (src.zip)");
        assertNull(docs.find("History Learner.fit(int epochs, int more)"), "no such overload");
        assertNull(docs.find("not a signature at all ("));
        assertNull(new SourceJavadoc(List.of()).find("History Learner.fit(int epochs)"));
    }

    @Test
    void signaturesAreReadAsJShellWritesThem() {
        assertEquals(new JShellSignature("Learner", "fit", List.of("int")),
                JShellSignature.parse("History Learner.fit(int epochs)"));
        assertEquals(new JShellSignature("Foo", "bar", List.of("Map", "String[]", "int[][]")),
                JShellSignature.parse("<T> java.util.List<T> Foo.bar(java.util.Map<String, java.util.List<T>> m,"
                        + " String... rest, int[][] grid) throws java.io.IOException"));
        assertEquals(new JShellSignature("String", "<init>", List.of("char[]")),
                JShellSignature.parse("String(char[] value)"));
        assertEquals(new JShellSignature("Foo", "COUNT", null), JShellSignature.parse("int Foo.COUNT"));
        assertEquals(new JShellSignature("dev.x.Box", "", null), JShellSignature.parse("dev.x.Box<T>"));
    }
}
