package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.display.MimeBundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class CsvDatasetTest {
    /** A small file with a header, a categorical column, a gap in a numeric column and string labels. */
    static final String PETS = """
            weight,color,age,kind
            4.0,black,3,cat
            30.5,brown,,dog
            5.5,white,7,cat
            25.0,black,2,dog
            0.1,"green, bright",1,fish
            """;

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static DataFileException fails(Runnable call) {
        return assertThrows(DataFileException.class, call::run);
    }

    @Test
    void aHeaderLineNamesTheColumnsAndWordsBecomeOneHotFeatures() throws IOException {
        Dataset data = Datasets.csv(file("pets.csv", PETS)).fillMissing(0).label("kind");
        Schema schema = data.schema().orElseThrow();
        assertEquals(List.of("weight", "color=black", "color=brown", "color=green, bright", "color=white", "age"),
                schema.featureNames());
        assertEquals(List.of("black", "brown", "green, bright", "white"), schema.categories("color"));
        assertEquals(List.of("cat", "dog", "fish"), data.classNames(), "classes are the label words, sorted");
        assertArrayEquals(new float[] {4f, 1, 0, 0, 0, 3f}, data.train().features(0));
        assertArrayEquals(new float[] {30.5f, 0, 1, 0, 0, 0f}, data.train().features(1), "the gap is filled with 0");
        assertArrayEquals(new int[] {0, 1, 0, 1, 2}, data.train().labels());
        assertEquals(5, data.size());
    }

    @Test
    void aFileOfNumbersOnlyHasNoHeaderAndItsColumnsAreNamedC0C1() throws IOException {
        CsvTable t = Datasets.csv(file("nums.csv", "1,2,0\n3,4,1\n5,6,1\n"));
        assertEquals(List.of("c0", "c1", "c2"), t.columns());
        assertEquals(3, t.size(), "the first line is data");
        Dataset d = t.label("c2");
        assertArrayEquals(new float[] {1, 2}, d.train().features(0));
        assertEquals(List.of("0", "1"), d.classNames());
    }

    @Test
    void headerDetectionCanBeOverruledAndLinesSkipped() throws IOException {
        Path p = file("words.csv", "# exported 2024\nred,small,yes\nblue,large,no\n");
        CsvTable t = Datasets.csv(p, CsvFormat.standard().skipLines(1).header(false));
        assertEquals(List.of("c0", "c1", "c2"), t.columns());
        assertEquals(2, t.size());
        CsvTable detected = Datasets.csv(p, CsvFormat.standard().skipLines(1));
        assertEquals(List.of("red", "small", "yes"), detected.columns(), "a line of words reads as a header");
    }

    @Test
    void wholeNumberLabelsBecomeClassIdsInNumericOrder() throws IOException {
        Dataset d = Datasets.csv(file("wine.csv", "a,b,quality\n1,2,3\n2,3,10\n3,4,2\n4,5,3\n")).label("quality");
        assertEquals(List.of("2", "3", "10"), d.classNames(), "numeric order, not text order");
        assertArrayEquals(new int[] {1, 2, 0, 1}, d.train().labels());
    }

    @Test
    void targetMakesARegressionSetWithOneTargetPerColumn() throws IOException {
        Dataset d = Datasets.csv(file("houses.csv", "rooms,area,price,tax\n3,70,200.5,2\n4,90,310,3\n2,50,150,1\n"))
                .target("price", "tax");
        assertFalse(d.train().hasLabels());
        assertArrayEquals(new int[] {2}, d.train().targetShape());
        assertArrayEquals(new float[] {200.5f, 2, 310, 3, 150, 1}, d.train().targets());
        assertArrayEquals(new float[] {3, 70}, d.train().features(0));
        assertEquals(List.of("price", "tax"), d.schema().orElseThrow().targetColumns());
    }

    @Test
    void gzipFilesAreReadDirectly() throws IOException {
        Path gz = dir.resolve("pets.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(PETS.getBytes(StandardCharsets.UTF_8));
        }
        Dataset d = Datasets.csv(gz).dropMissing().label("kind");
        assertEquals(4, d.size(), "the row with a gap is left out");
        assertEquals("pets", d.name());
    }

    @Test
    void sklearnsFirstLineGivesTheClassNamesAndIsCheckedAgainstTheRows() throws IOException {
        Path p = file("iris.csv", "4,2,setosa,versicolor,virginica\n5.1,3.5,0\n4.9,3.0,0\n6.3,2.5,1\n6.5,3.0,2\n");
        CsvTable t = Datasets.csv(p, CsvFormat.sklearn());
        assertEquals(List.of("c0", "c1", "target"), t.columns());
        Dataset d = t.label("target");
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {0, 0, 1, 2}, d.train().labels());
        assertTrue(t.toString().contains("setosa, versicolor, virginica"), t.toString());
        Path truncated = file("short.csv", "5,2,a,b\n1,2,0\n");
        assertTrue(fails(() -> Datasets.csv(truncated, CsvFormat.sklearn())).getMessage()
                .contains("says 5 samples, but the file has 1 rows"));
    }

    @Test
    void theSklearnFilesDebianShipsReadWithTheirClassNames() {
        Path data = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");
        assertTrue(Files.isDirectory(data), "install python3-sklearn (the CI script does)");
        Dataset iris = Datasets.csv(data.resolve("iris.csv"), CsvFormat.sklearn()).label("target");
        assertEquals(150, iris.size());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new int[] {50, 50, 50}, iris.train().classCounts());
        Dataset cancer = Datasets.csv(data.resolve("breast_cancer.csv"), CsvFormat.sklearn()).label("target");
        assertArrayEquals(new int[] {30}, cancer.sampleShape());
        assertEquals(List.of("malignant", "benign"), cancer.classNames());
        Dataset digits = Datasets.csv(data.resolve("digits.csv.gz")).label("c64");
        assertEquals(1797, digits.size());
        assertArrayEquals(new int[] {64}, digits.sampleShape());
        String html = digits.toMimeBundle().get(MimeBundle.HTML);
        assertTrue(html.contains("… 52 more") && html.contains("label, 10 classes"), "a wide file's encoding is cut short");
        assertTrue(html.contains("data:image/png"), "64 features show as 8 × 8 images too");
    }

    @Test
    void missingValuesAreCountedAndAreAnErrorUntilFilledOrDropped() throws IOException {
        CsvTable t = Datasets.csv(file("pets.csv", PETS));
        ColumnSummary age = t.column("age");
        assertEquals(1, age.missing());
        assertEquals(4, age.present());
        assertEquals(3, age.firstMissingLine());
        DataFileException e = fails(() -> t.label("kind"));
        assertTrue(e.getMessage().contains("age (1, first on line 3)") && e.getMessage().contains(".fillMissing()")
                && e.getMessage().contains(".dropMissing()"), e.getMessage());
        Dataset mean = t.fillMissing().label("kind");
        assertEquals(3.25f, mean.train().features(1)[5], 1e-6, "the column mean of 3, 7, 2, 1");
        assertTrue(mean.schema().orElseThrow().notes().get(0).contains("1 missing value of age filled with 3.25"));
    }

    @Test
    void missingCategoriesBecomeACategoryOfTheirOwnWhenFilled() throws IOException {
        Dataset d = Datasets.csv(file("c.csv", "color,y\nred,1\n,0\nblue,1\nNA,0\n")).fillMissing().label("y");
        assertEquals(List.of("blue", "red", Schema.MISSING_CATEGORY), d.schema().orElseThrow().categories("color"));
        assertArrayEquals(new float[] {0, 0, 1}, d.train().features(1));
        assertArrayEquals(new float[] {0, 0, 1}, d.train().features(3), "NA is a missing value too");
    }

    @Test
    void aSeparateTestFileIsEncodedWithTheTrainingFilesSchema() throws IOException {
        Dataset train = Datasets.csv(file("pets.csv", PETS)).fillMissing().label("kind");
        Path testFile = file("test.csv", "kind,weight,age,color\ndog,20,4,brown\nfish,0.2,1,purple\n");
        Dataset both = train.withTest(Datasets.csv(testFile));
        Examples test = both.testExamples();
        assertArrayEquals(new float[] {20, 0, 1, 0, 0, 4}, test.features(0), "columns found by name");
        assertArrayEquals(new float[] {0.2f, 0, 0, 0, 0, 1}, test.features(1), "an unseen category is all zeros");
        assertArrayEquals(new int[] {1, 2}, test.labels());
        Path unknown = file("unknown.csv", "weight,color,age,kind\n1,black,2,hamster\n");
        DataFileException e = fails(() -> train.withTest(Datasets.csv(unknown)));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'hamster' is not one of the 3 classes"), e.getMessage());
    }

    @Test
    void theTableRendersItsFirstRowsAndAColumnSummary() throws IOException {
        CsvTable t = Datasets.csv(file("pets.csv", PETS));
        assertEquals("CsvTable pets.csv: 5 rows × 4 columns (2 numeric, 2 categorical), 1 missing value", t.toString());
        MimeBundle b = t.toMimeBundle();
        String html = b.get(MimeBundle.HTML);
        assertTrue(html.contains("first rows") && html.contains("<td style=\"padding:1px 8px;text-align:right\">30.5</td>"),
                html);
        assertTrue(html.contains("4 categories: black (2), brown (1), green, bright (1), white (1)"), html);
        assertTrue(html.contains("0.1000 … 30.50, mean 13.02"), html);
        assertTrue(b.text().contains("age: number, 1 missing"), b.text());
    }

    @Test
    void aTabularDataSetRendersItsRowsRangesAndEncoding() throws IOException {
        Dataset d = Datasets.csv(file("pets.csv", PETS)).fillMissing(0).label("kind");
        String html = d.toMimeBundle().get(MimeBundle.HTML);
        assertTrue(html.contains("first training rows") && html.contains(">color=black<"), html);
        assertTrue(html.contains("one-hot, 4: black, brown, &quot;green, bright&quot;, white"), html);
        assertTrue(html.contains("0 = cat, 1 = dog, 2 = fish"), html);
    }

    @Test
    void columnsCanBeDroppedOrReadAsCategories() throws IOException {
        CsvTable t = Datasets.csv(file("z.csv", "id,zip,y\n1,1010,a\n2,2020,b\n3,1010,a\n"));
        Dataset d = t.drop("id").categorical("zip").label("y");
        assertEquals(List.of("zip=1010", "zip=2020"), d.schema().orElseThrow().featureNames());
        assertEquals(List.of("zip", "y"), t.drop("id").columns());
    }

    @Test
    void delimitersAndQuotesAreTheParsersBusiness() throws IOException {
        Path p = file("semi.csv", "\uFEFFname;size;y\n\"a;b\";1,5;0\n\"say \"\"hi\"\"\";2;1\n");
        CsvTable t = Datasets.csv(p, CsvFormat.standard().delimiter(';'));
        assertEquals(List.of("name", "size", "y"), t.columns(), "the byte order mark is dropped");
        assertEquals(ColumnSummary.Kind.CATEGORY, t.column("name").kind());
        assertEquals(List.of("a;b", "say \"hi\""), t.column("name").categoryNames());
    }

    @Test
    void aRaggedRowNamesItsLineAndTheColumns() throws IOException {
        DataFileException e = fails(() -> {
            try {
                Datasets.csv(file("ragged.csv", "a,b,c\n1,2,3\n4,5\n"));
            } catch (IOException x) {
                throw new AssertionError(x);
            }
        });
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("has 2 fields, but the header gives 3 columns (a, b, c)"), e.getMessage());
    }

    @Test
    void anUnclosedQuoteIsReportedWithTheFile() throws IOException {
        Path p = file("quote.csv", "a,b\n1,\"open\n2,3\n");
        DataFileException e = fails(() -> Datasets.csv(p));
        assertEquals(p, e.file());
        assertTrue(e.getMessage().contains("check its quotes"), e.getMessage());
    }

    @Test
    void aWordInANumericColumnNamesTheLineTheValueAndTheFix() throws IOException {
        CsvTable t = Datasets.csv(file("typo.csv", "x,y\n1.5,0\n2.5,1\n3..5,0\n4.5,1\n"));
        DataFileException e = fails(() -> t.label("y"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("'3..5' in feature column 'x' is not a number")
                && e.getMessage().contains(".categorical(\"x\")"), e.getMessage());
    }

    @Test
    void aMissingLabelColumnListsTheColumns() throws IOException {
        CsvTable t = Datasets.csv(file("pets.csv", PETS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.label("species"));
        assertTrue(e.getMessage().contains("no column named 'species'")
                && e.getMessage().contains("weight, color, age, kind"), e.getMessage());
    }

    @Test
    void aLabelOutsideTheClassesOfTheFirstLineIsRefused() throws IOException {
        Path p = file("bad.csv", "3,1,a,b\n0.5,0\n0.7,1\n0.9,2\n");
        DataFileException e = fails(() -> Datasets.csv(p, CsvFormat.sklearn()).label("target"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("label '2' is outside the 2 classes"), e.getMessage());
    }

    @Test
    void fractionalLabelsPointToRegressionAndMissingLabelsToDropMissing() throws IOException {
        CsvTable t = Datasets.csv(file("f.csv", "x,y\n1,0.5\n2,1\n3,\n"));
        assertTrue(fails(() -> t.label("y")).getMessage().contains("the label column 'y' has no value"));
        DataFileException e = fails(() -> t.dropMissing().label("y"));
        assertTrue(e.getMessage().contains("not a whole number") && e.getMessage().contains("target(\"y\")"),
                e.getMessage());
        assertEquals(2, t.dropMissing().target("y").size());
    }
}
