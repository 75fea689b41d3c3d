package dev.layerwise.kernel.eval;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much text one cell may send to the front end: printed output (both streams together) and its
 * value's text. Beyond it output is counted, not sent, and a notice says how much was left out, so
 * a cell printing 100 MB cannot flood the notebook (Jupyter Notebook's own IOPub rate limit is
 * about 1 MB/s) or the kernel's memory.
 *
 * <p>Set with the system property {@value #PROPERTY} (e.g. in {@code LAYERWISE_JAVA_OPTS}) or the
 * environment variable {@value #ENV}, before the kernel starts: a number of bytes with an optional
 * {@code k}, {@code M} or {@code G} suffix ({@code 500k}, {@code 10M}), or {@code 0} for no limit.
 */
public final class OutputLimit {
    /** The environment variable that sets the limit. */
    public static final String ENV = "LAYERWISE_MAX_OUTPUT";
    /** The system property that sets the limit; wins over the environment variable. */
    public static final String PROPERTY = "layerwise.maxOutput";
    /** The default: 1 MB, about 13,000 lines of 80 characters. */
    public static final long DEFAULT_BYTES = 1L << 20;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)i?b?", Pattern.CASE_INSENSITIVE);

    private final long bytes;

    private OutputLimit(long bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes the limit in bytes; 0 or less for none
     * @return the limit
     */
    public static OutputLimit of(long bytes) {
        return new OutputLimit(bytes <= 0 ? Long.MAX_VALUE : bytes);
    }

    /** @return the limit set by {@value #PROPERTY} or {@value #ENV}, else the default */
    public static OutputLimit fromEnvironment() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return parse(property, "-D" + PROPERTY);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return parse(env, ENV);
        }
        return of(DEFAULT_BYTES);
    }

    /**
     * @param text e.g. {@code 1048576}, {@code 500k}, {@code 10M}, {@code 0}
     * @param source where the text came from, for the error message
     * @return the limit
     * @throws IllegalArgumentException when the text is not a size
     */
    public static OutputLimit parse(String text, String source) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(source + "=" + text + " is not a size; expected bytes with an optional"
                    + " k, M or G suffix, e.g. " + ENV + "=10M, or 0 for no limit");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        return of(n > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : n << shift);
    }

    /** @return the limit in bytes; {@link Long#MAX_VALUE} when there is none */
    public long bytes() {
        return bytes;
    }

    /** @return the limit as a character count for text that is not yet encoded, capped at an int */
    int chars() {
        return (int) Math.min(bytes, Integer.MAX_VALUE - 16);
    }

    /** @return whether there is no limit */
    public boolean unlimited() {
        return bytes == Long.MAX_VALUE;
    }

    /** The line sent when a cell first exceeds the limit. */
    String reachedNotice() {
        return "\n… output limit reached: this cell has printed " + size(bytes) + "; further output is counted but not"
                + " shown\n";
    }

    /**
     * The line sent when a cell that exceeded the limit ends.
     *
     * @param more how much more was produced than shown, in bytes (or characters, for a value)
     */
    String truncatedNotice(long more) {
        return "… output truncated: " + size(more) + " more not shown (limit " + size(bytes) + " per cell; set "
                + ENV + ", e.g. " + ENV + "=10M or 0 for no limit, before starting Jupyter)\n";
    }

    /**
     * @param bytes a count of bytes
     * @return it for people: {@code 512 bytes}, {@code 1 MB}, {@code 99.0 MB}
     */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }

    @Override
    public String toString() {
        return unlimited() ? "no output limit" : size(bytes) + " per cell";
    }
}
