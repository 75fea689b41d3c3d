package dev.layerwise.kernel.handler;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Request;
import dev.layerwise.kernel.protocol.WireCodec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code kernel_info_request}: protocol version, language, banner and help links. Never waits for the engine. */
public final class KernelInfoHandler implements Handler {
    private final Services services;

    /** @param services shared kernel services */
    public KernelInfoHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(Request request) {
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("name", "java");
        language.put("version", System.getProperty("java.version"));
        language.put("mimetype", "text/x-java-source");
        language.put("file_extension", ".jshell");
        language.put("codemirror_mode", "java");
        language.put("pygments_lexer", "java");
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "ok");
        content.put("protocol_version", WireCodec.PROTOCOL_VERSION);
        content.put("implementation", "layerwise");
        content.put("implementation_version", Layerwise.VERSION);
        content.put("language_info", language);
        content.put("banner", services.banner());
        content.put("help_links", List.of(
                Map.of("text", "DJL documentation", "url", "https://docs.djl.ai/"),
                Map.of("text", "PyTorch 2.7 documentation", "url", "https://docs.pytorch.org/docs/2.7/"),
                Map.of("text", "JShell user guide", "url", "https://docs.oracle.com/en/java/javase/17/jshell/")));
        content.put("debugger", false);
        request.reply(content);
    }
}
