package dev.layerwise.kernel.handler;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.layerwise.display.Display;
import dev.layerwise.display.DisplayHandle;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.kernel.display.KernelDisplaySink;
import dev.layerwise.kernel.eval.CellOutcome;
import dev.layerwise.kernel.eval.ErrorReport;
import dev.layerwise.kernel.log.Phases;
import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Json;
import dev.layerwise.kernel.protocol.Request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code execute_request}: {@code execute_input}, streamed output, then {@code execute_result} or
 * {@code error}, then the reply. {@code silent} publishes nothing but status and keeps the count.
 * A cell ending in {@code display(x)} shows x once: the handle it returns is not shown again.
 * {@code System.in} asks the front end for input when the request allows it ({@code allow_stdin}).
 * A failed cell with {@code stop_on_error} (the default) aborts the executions queued behind it.
 */
public final class ExecuteHandler implements Handler {
    static final String NO_STDIN = "System.in: this front end takes no input for this cell (its execute_request"
            + " says allow_stdin: false, as nbconvert, papermill and bin/layerwise run send); put the value in the code"
            + " instead, e.g. String answer = \"yes\";";
    private final Services services;

    /** @param services shared kernel services */
    public ExecuteHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(Request request) {
        JsonObject c = request.content();
        String code = Json.str(c, "code", "");
        boolean silent = Json.bool(c, "silent", false);
        boolean store = !silent && Json.bool(c, "store_history", true);
        int count = store ? services.nextExecutionCount() : services.executionCount();
        if (!silent) {
            request.publish("execute_input", Map.of("code", code, "execution_count", count));
        }
        Phases.mark("input");
        services.router().begin(request.message(), silent);
        beginInput(request, Json.bool(c, "allow_stdin", false));
        CellOutcome outcome;
        try {
            outcome = services.magics().runCell(code);
        } finally {
            services.input().stream().end();
            services.router().end();
        }
        if (store) {
            services.remember(count, code);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("execution_count", count);
        if (outcome.ok()) {
            if (outcome.hasValue() && !silent && !(outcome.value() instanceof DisplayHandle)) {
                Map<String, Object> result = KernelDisplaySink.content(render(outcome));
                result.put("execution_count", count);
                Phases.mark("render");
                request.publish("execute_result", result);
                Phases.mark("result");
            }
            reply.put("status", "ok");
            reply.put("user_expressions", userExpressions(Json.obj(c, "user_expressions")));
            reply.put("payload", List.of());
        } else {
            ErrorReport e = outcome.error();
            Map<String, Object> error = errorContent(e);
            if (!silent) {
                request.publish("error", error);
            }
            reply.put("status", "error");
            reply.putAll(error);
        }
        services.router().flush();
        if (!outcome.ok() && !silent && Json.bool(c, "stop_on_error", true)) {
            request.abortQueuedExecutions();
        }
        Phases.mark("finish");
        request.reply(reply);
        Phases.mark("reply");
    }

    /** {@code System.in} asks the front end that sent the cell, if it takes input. */
    private void beginInput(Request request, boolean allowed) {
        services.input().stream().begin(allowed ? prompt -> services.input().channel().ask(request.message(), prompt, false)
                : null, NO_STDIN);
    }

    static Map<String, Object> errorContent(ErrorReport e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("ename", e.ename());
        error.put("evalue", e.evalue());
        error.put("traceback", e.traceback());
        return error;
    }

    /** The value's MIME bundle: the library's rendering when it has one, else JShell's text. */
    static MimeBundle render(CellOutcome outcome) {
        Object value = outcome.value();
        if (value != null && Display.hasRenderer(value)) {
            try {
                return Display.render(value);
            } catch (RuntimeException | LinkageError e) {
                System.err.println("(could not render " + value.getClass().getName() + " richly: " + e + "; showing its text)");
            }
        }
        return MimeBundle.text(outcome.valueText() == null ? String.valueOf(value) : outcome.valueText());
    }

    private Map<String, Object> userExpressions(JsonObject expressions) {
        Map<String, Object> results = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : expressions.entrySet()) {
            CellOutcome out = services.evaluator().evaluate(e.getValue().getAsString());
            Map<String, Object> r = new LinkedHashMap<>();
            if (out.ok()) {
                r.put("status", "ok");
                r.putAll(KernelDisplaySink.content(out.hasValue() ? render(out) : MimeBundle.text("")));
            } else {
                r.put("status", "error");
                r.putAll(errorContent(out.error()));
            }
            results.put(e.getKey(), r);
        }
        return results;
    }
}
