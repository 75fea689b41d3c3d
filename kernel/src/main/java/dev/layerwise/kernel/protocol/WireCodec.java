package dev.layerwise.kernel.protocol;

import com.google.gson.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Jupyter's wire format: frames {@code [identities..., <IDS|MSG>, signature, header, parent_header,
 * metadata, content, buffers...]}, signed with HMAC-SHA256 over the four JSON parts.
 *
 * <p>Thread-safe. Incoming messages with a missing or wrong signature, and signed messages seen
 * before (replays), are rejected with {@link BadMessageException}; the caller drops them. The
 * signature covers the header, so a captured message cannot be re-sent under another session or
 * message id either. Header dates are ISO 8601 with microseconds and a zone, which
 * {@code jupyter_client} requires.
 */
public final class WireCodec {
    /** The protocol version this kernel speaks. */
    public static final String PROTOCOL_VERSION = "5.3";
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
    /** Signatures remembered against replay, as many as Jupyter's {@code Session.digest_history_size}. */
    static final int REPLAY_HISTORY = 1 << 16;

    private final byte[] key;
    private final String session = UUID.randomUUID().toString();
    private final ThreadLocal<Mac> mac;
    private final ReplayGuard replays = new ReplayGuard(REPLAY_HISTORY);

    /** Thrown for a message that must be dropped: unsigned, badly signed or malformed. */
    public static final class BadMessageException extends Exception {
        BadMessageException(String message) {
            super(message);
        }
    }

    /**
     * @param key the connection file's key; empty disables signing, as in Jupyter
     */
    public WireCodec(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(this.key.length == 0 ? new byte[1] : this.key, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
            }
        });
    }

    /** @return this kernel session's id, used in every header */
    public String session() {
        return session;
    }

    /**
     * Decodes and verifies frames received on a ROUTER socket.
     *
     * @param frames all frames of one multipart message
     * @return the message
     * @throws BadMessageException when the signature is missing or wrong, the message is a replay, or the
     *     frames are malformed
     */
    public Message decode(List<byte[]> frames) throws BadMessageException {
        int d = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                d = i;
                break;
            }
        }
        if (d < 0 || frames.size() < d + 6) {
            throw new BadMessageException("malformed message: " + frames.size() + " frames, delimiter at " + d
                    + "; expected identities, <IDS|MSG>, signature and four JSON frames");
        }
        byte[] signature = frames.get(d + 1);
        byte[][] parts = {frames.get(d + 2), frames.get(d + 3), frames.get(d + 4), frames.get(d + 5)};
        if (key.length > 0) {
            byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
            if (signature.length == 0) {
                throw new BadMessageException("unsigned message; the connection file requires HMAC-SHA256 signatures");
            }
            if (!MessageDigest.isEqual(expected, signature)) {
                throw new BadMessageException("wrong signature; it was not signed with this kernel's connection key");
            }
            if (!replays.firstTime(signature)) {
                throw new BadMessageException("replayed message: this exact signed message was already received");
            }
        }
        try {
            return new Message(new ArrayList<>(frames.subList(0, d)), Json.parse(utf8(parts[0])), Json.parse(utf8(parts[1])),
                    Json.parse(utf8(parts[2])), Json.parse(utf8(parts[3])), new ArrayList<>(frames.subList(d + 6, frames.size())));
        } catch (RuntimeException e) {
            throw new BadMessageException("malformed JSON in a signed message: " + e.getMessage());
        }
    }

    /**
     * Encodes an outgoing message.
     *
     * @param identities routing frames (the request's, for replies; the topic, for IOPub)
     * @param type the message type
     * @param content the content, serialized with {@link Json#GSON}
     * @param parent the request this answers, or null
     * @param metadata metadata, or null for {@code {}}
     * @return the frames to send
     */
    public List<byte[]> encode(List<byte[]> identities, String type, Object content, Message parent, Map<String, ?> metadata) {
        String header = Json.GSON.toJson(header(type));
        String parentHeader = parent == null ? "{}" : parent.header().toString();
        String meta = metadata == null ? "{}" : Json.GSON.toJson(metadata);
        String body = content instanceof JsonObject ? content.toString() : Json.GSON.toJson(content);
        byte[][] parts = {bytes(header), bytes(parentHeader), bytes(meta), bytes(body)};
        List<byte[]> frames = new ArrayList<>(identities.size() + 6);
        frames.addAll(identities);
        frames.add(DELIMITER);
        frames.add(bytes(key.length == 0 ? "" : sign(parts)));
        frames.addAll(Arrays.asList(parts));
        return frames;
    }

    private Map<String, Object> header(String type) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("msg_id", UUID.randomUUID().toString());
        h.put("session", session);
        h.put("username", "layerwise");
        h.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(DATE));
        h.put("msg_type", type);
        h.put("version", PROTOCOL_VERSION);
        return h;
    }

    /**
     * The hex HMAC-SHA256 of the given parts, as Jupyter computes it.
     *
     * @param parts header, parent header, metadata, content
     * @return lowercase hex
     */
    public String sign(byte[]... parts) {
        Mac m = mac.get();
        m.reset();
        for (byte[] p : parts) {
            m.update(p);
        }
        return HexFormat.of().formatHex(m.doFinal());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
