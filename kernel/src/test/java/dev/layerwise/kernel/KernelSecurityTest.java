package dev.layerwise.kernel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real kernel process under abuse, over raw ZeroMQ with {@code jupyter_client}'s Session: a
 * wrong key, a missing signature, a tampered content, a replay and a replay under another session
 * are dropped, logged and never run, and the kernel keeps serving; it listens only on the
 * connection file's address and ports (127.0.0.1 when none is named) and refuses ipc with a reason.
 * The checks are in {@code src/test/python/security_test.py}.
 */
@Tag("jupyter")
class KernelSecurityTest {
    static final Path SCRIPT = Path.of("src/test/python/security_test.py").toAbsolutePath();

    @Test
    void forgedReplayedAndUnsignedMessagesNeverRunAndSocketsStayWhereTheFileSays(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        RealKernel.runPython(RealKernel.kernelspec(dir, "layerwise-security", RealKernel.thisJava()), 300,
                SCRIPT.toString(), "layerwise-security", work.toString());
    }
}
