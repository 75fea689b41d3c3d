package dev.layerwise.kernel.magic;

import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The only repositories {@code %maven} downloads from: Maven Central, plus those the user named
 * before the kernel started in {@code -Dlayerwise.maven.repositories} or, failing that, the
 * environment variable {@code LAYERWISE_MAVEN_REPOSITORIES}, as {@code id=url} entries separated by
 * commas or spaces, e.g. {@code company=https://repo.example.com/maven2}.
 *
 * <p>A notebook cell cannot add one, and neither can a downloaded POM's {@code <repositories>}. URLs
 * must be {@code https:} (or {@code file:} for a folder on this machine): over plain http anyone on
 * the network path could swap the jars. Downloads whose checksums do not match fail.
 */
final class MavenRepositories {
    /** Maven Central's URL. */
    static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";
    /** The system property naming extra repositories. */
    static final String PROPERTY = "layerwise.maven.repositories";
    /** The environment variable naming extra repositories when the property is not set. */
    static final String ENV = "LAYERWISE_MAVEN_REPOSITORIES";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private MavenRepositories() {}

    /**
     * @return Maven Central followed by the repositories the property or environment names
     * @throws IllegalArgumentException when the configured list is malformed or names a refused URL
     */
    static List<RemoteRepository> configured() {
        String spec = System.getProperty(PROPERTY);
        return spec != null ? parse(spec, "-D" + PROPERTY) : parse(System.getenv(ENV), ENV);
    }

    /**
     * @param spec {@code id=url} entries separated by commas or whitespace; null or blank for none
     * @param source where the entries come from, for messages
     * @return Maven Central followed by the given repositories
     * @throws IllegalArgumentException when an entry is malformed, repeats an id, or is not https or file
     */
    static List<RemoteRepository> parse(String spec, String source) {
        List<RemoteRepository> repositories = new ArrayList<>();
        repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL_URL)
                .setReleasePolicy(verified(true)).setSnapshotPolicy(verified(false)).build());
        Set<String> ids = new LinkedHashSet<>(List.of("central"));
        if (spec == null || spec.isBlank()) {
            return repositories;
        }
        for (String entry : spec.strip().split("[,\\s]+")) {
            int eq = entry.indexOf('=');
            String id = eq < 0 ? "" : entry.substring(0, eq);
            String url = eq < 0 ? entry : entry.substring(eq + 1);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(source + ": entry '" + entry + "' is not id=url"
                        + " (e.g. company=https://repo.example.com/maven2); ids use letters, digits, '.', '_', '-'");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(source + ": repository id '" + id + "' appears twice; give each its own id");
            }
            checkUrl(url, source + ": repository '" + id + "'");
            repositories.add(new RemoteRepository.Builder(id, "default", url)
                    .setReleasePolicy(verified(true)).setSnapshotPolicy(verified(true)).build());
        }
        return repositories;
    }

    /**
     * Refuses a URL that is not https or file.
     *
     * @param url the URL
     * @param what what names it, for the message
     */
    static void checkUrl(String url, String what) {
        String scheme;
        try {
            URI uri = new URI(url);
            scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (scheme.equals("https") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                throw new URISyntaxException(url, "no host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " has an invalid URL '" + url + "': " + e.getMessage());
        }
        if (scheme.equals("http")) {
            throw new IllegalArgumentException(what + " uses plain http (" + url + "): anyone on the network path"
                    + " could swap the jars. Use its https URL.");
        }
        if (!scheme.equals("https") && !scheme.equals("file")) {
            throw new IllegalArgumentException(what + " has URL '" + url + "'; expected https://... or file:/...");
        }
    }

    /**
     * @param repositories repositories
     * @return e.g. {@code central (https://repo.maven.apache.org/maven2/)}, for messages
     */
    static String describe(List<RemoteRepository> repositories) {
        return String.join(", ", repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").toList());
    }

    /** @return how to configure repositories, for messages */
    static String howToConfigure() {
        return "set -D" + PROPERTY + "=id=https://... in LAYERWISE_JAVA_OPTS, or " + ENV
                + "=id=https://..., before starting Jupyter";
    }

    private static RepositoryPolicy verified(boolean enabled) {
        return new RepositoryPolicy(enabled, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
    }
}
