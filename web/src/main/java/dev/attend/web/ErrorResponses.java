package dev.attend.web;

import dev.attend.model.InputException;
import dev.attend.model.ModelException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error as JSON {@code {"error": "..."}}: the API's own refusals with their status, text the model cannot
 * take (empty, too many tokens) as 422, Javalin's (no such endpoint, body too large) with theirs, a model
 * that cannot be read as 500 with the reason, anything else as 500 without details (and one line on stderr).
 */
final class ErrorResponses {
    private ErrorResponses() {}

    static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 503) ctx.header("Retry-After", Integer.toString(ApiException.RETRY_AFTER_SECONDS));
            send(ctx, e.status(), e.getMessage(), e.details());
        });
        routes.exception(InputException.class, (e, ctx) -> send(ctx, 422, e.getMessage(), Map.of()));
        routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), e.getMessage(), Map.of()));
        routes.exception(ModelException.class, (e, ctx) -> send(ctx, 500, e.getMessage(), Map.of()));
        routes.exception(Exception.class, (e, ctx) -> {
            System.err.println("attend: internal error on " + ctx.method() + " " + ctx.path() + ": " + e
                    + (System.getenv("ATTEND_DEBUG") == null ? " (set ATTEND_DEBUG=1 for the stack trace)" : ""));
            if (System.getenv("ATTEND_DEBUG") != null) e.printStackTrace();
            send(ctx, 500, "internal error: " + e.getClass().getSimpleName(), Map.of());
        });
    }

    private static void send(Context ctx, int status, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(details);
        Json.send(ctx, status, body);
    }
}
