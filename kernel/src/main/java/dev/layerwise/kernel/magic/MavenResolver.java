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
 * repository ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}) and exactly the given remote
 * repositories ({@link MavenRepositories#configured()}): repositories declared in downloaded POMs are
 * ignored, so a dependency cannot send the resolver elsewhere.
 */
final class MavenResolver {
    private final Path localRepository;
    private final List<RemoteRepository> repositories;
    private final boolean offline;

    /**
     * @param localRepository the local repository folder
     * @param repositories the only remote repositories to contact
     * @param offline true to use the local repository only
     */
    MavenResolver(Path localRepository, List<RemoteRepository> repositories, boolean offline) {
        this.localRepository = localRepository;
        this.repositories = List.copyOf(repositories);
        this.offline = offline;
    }

    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** @return the remote repositories this resolver may contact, in order */
    List<RemoteRepository> repositories() {
        return repositories;
    }

    List<Path> resolve(List<String> coordinates) throws DependencyResolutionException {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                    new LocalRepository(localRepository.toFile())));
            session.setOffline(offline);
            // a POM's <repositories> would otherwise be searched for its dependencies
            session.setIgnoreArtifactDescriptorRepositories(true);
            CollectRequest collect = new CollectRequest();
            for (String c : coordinates) {
                collect.addDependency(new Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME));
            }
            collect.setRepositories(repositories);
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            Set<Path> files = new LinkedHashSet<>();
            try {
                for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                    files.add(r.getArtifact().getFile().toPath());
                }
            } catch (DependencyResolutionException e) {
                throw new DependencyResolutionException(e.getResult(), "Could not resolve " + coordinates + ": "
                        + e.getMessage() + (offline ? " (offline: only " + localRepository + " was searched)"
                        : " — searched " + localRepository + " and " + MavenRepositories.describe(repositories)
                        + "; check the coordinates and that these are reachable. Other repositories: "
                        + MavenRepositories.howToConfigure()), e);
            }
            return new ArrayList<>(files);
        } finally {
            system.shutdown();
        }
    }
}
