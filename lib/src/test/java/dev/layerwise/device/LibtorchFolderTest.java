package dev.layerwise.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A libtorch folder's build and version are read from the files the two distributions ship. */
@Tag("unit")
class LibtorchFolderTest {
    static Path pipTorch(Path root, String version, String cuda) throws IOException {
        Path lib = Files.createDirectories(root.resolve("site-packages/torch/lib"));
        Files.writeString(lib.resolve("libtorch.so"), "not a real library");
        if (cuda != null) {
            Files.writeString(lib.resolve("libtorch_cuda.so"), "not a real library");
        }
        Files.writeString(lib.getParent().resolve("version.py"), "from typing import Optional\n\n__all__ = ['__version__']\n"
                + "__version__ = '" + version + "'\ndebug = False\ncuda: Optional[str] = " + (cuda == null ? "None"
                : "'" + cuda + "'") + "\ngit_version = 'abc'\n");
        return lib;
    }

    static Path libtorchZip(Path root, String buildVersion) throws IOException {
        Path lib = Files.createDirectories(root.resolve("libtorch/lib"));
        Files.writeString(lib.resolve("libtorch.so"), "not a real library");
        Files.writeString(lib.resolve("libtorch_cuda.so"), "not a real library");
        Files.writeString(lib.getParent().resolve("build-version"), buildVersion + "\n");
        return lib;
    }

    @Test
    void pipInstallationGivesVersionAndCudaFromVersionPy(@TempDir Path root) throws IOException {
        LibtorchFolder f = LibtorchFolder.inspect(pipTorch(root, "2.7.1+cu128", "12.8"));
        assertTrue(f.hasLibtorch());
        assertTrue(f.hasCuda());
        assertEquals("2.7.1+cu128", f.version());
        assertEquals("2.7.1", f.baseVersion());
        assertEquals("12.8", f.cudaVersion());
        assertEquals("cu128", f.flavor());
    }

    @Test
    void libtorchZipGivesVersionFromBuildVersion(@TempDir Path root) throws IOException {
        LibtorchFolder f = LibtorchFolder.inspect(libtorchZip(root, "2.11.0+cu130").resolve("libtorch.so"));
        assertEquals(root.resolve("libtorch/lib"), f.dir(), "an entry naming libtorch.so itself means its folder");
        assertEquals("2.11.0", f.baseVersion());
        assertEquals("13.0", f.cudaVersion(), "read from the +cu130 suffix");
        assertEquals("cu130", f.flavor());
    }

    @Test
    void aFolderWithoutLibtorchOrVersionSaysSo(@TempDir Path root) throws IOException {
        LibtorchFolder f = LibtorchFolder.inspect(root);
        assertFalse(f.hasLibtorch());
        assertNull(f.version());
        assertEquals("cpu", f.flavor());
    }
}
