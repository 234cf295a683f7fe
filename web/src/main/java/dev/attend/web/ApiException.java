package dev.attend.web;

import java.util.List;
import java.util.Map;

/**
 * A request the API answers with an error: the HTTP status and a message saying what to change, sent as
 * {@code {"error": message}} plus any {@code details} (e.g. the known model names).
 */
final class ApiException extends RuntimeException {
    static final int RETRY_AFTER_SECONDS = 1;

    private final int status;
    private final Map<String, Object> details;

    ApiException(int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
    }

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    static ApiException unknownModel(String name, List<String> known) {
        return new ApiException(404, "unknown model '" + name + "'; this server has " + String.join(", ", known),
                Map.of("models", known));
    }

    static ApiException tooLarge(String message) {
        return new ApiException(413, message);
    }

    /** The server is at its limit of forward passes; the client may retry after {@link #RETRY_AFTER_SECONDS}. */
    static ApiException busy() {
        return new ApiException(503, "the server is busy with other texts; retry in a moment");
    }

    int status() {
        return status;
    }

    Map<String, Object> details() {
        return details;
    }
}
