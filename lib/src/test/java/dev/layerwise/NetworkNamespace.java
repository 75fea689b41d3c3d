package dev.layerwise;

import java.util.concurrent.TimeUnit;

/** For tests that run a child JVM with no network: {@code unshare -n} gives it an empty network namespace. */
public final class NetworkNamespace {
    /** Why a test is skipped where {@link #available()} is false. */
    public static final String NEEDED = "needs 'unshare -n' (root or user namespaces) to cut the network off";

    private NetworkNamespace() {}

    /** @return whether {@code unshare -n} works here */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
