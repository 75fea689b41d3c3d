package dev.layerwise.kernel.magic;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves Maven coordinates to local jar files with Apache Maven Resolver, using the user's local
 * repository ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}) and Maven Central.
 */
final class MavenResolver {
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private final boolean offline;

    MavenResolver(boolean offline) {
        this.offline = offline;
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    List<Path> resolve(List<String> coordinates) throws DependencyResolutionException {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                    new LocalRepository(localRepository().toFile())));
            session.setOffline(offline);
            RemoteRepository central = new RemoteRepository.Builder("central", "default", CENTRAL).build();
            CollectRequest collect = new CollectRequest();
            for (String c : coordinates) {
                collect.addDependency(new Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME));
            }
            collect.setRepositories(List.of(central));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            Set<Path> files = new LinkedHashSet<>();
            try {
                for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                    files.add(r.getArtifact().getFile().toPath());
                }
            } catch (DependencyResolutionException e) {
                throw new DependencyResolutionException(e.getResult(), "Could not resolve " + coordinates + ": "
                        + e.getMessage() + (offline ? " (offline: only " + localRepository() + " was searched)"
                        : " — check the coordinates and that " + CENTRAL + " is reachable"), e);
            }
            return new ArrayList<>(files);
        } finally {
            system.shutdown();
        }
    }
}
