package dev.attend.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/**
 * The body of POST /api/trace and POST /api/attention: {@code {"model"?, "text", "text_b"?, "words"?}}.
 * A body that is not such an object is a 400; texts of more than {@link #MAX_CHARACTERS} together a 413.
 */
record TextRequest(String model, String text, String textB, boolean words) {
    /** The most UTF-16 chars (as JavaScript's {@code length} counts them) of text and text_b together. */
    static final int MAX_CHARACTERS = 10_000;

    static TextRequest parse(byte[] body, String defaultModel) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object {\"model\", \"text\", \"text_b\"?}");
        }
        String text = string(root, "text", true);
        String textB = string(root, "text_b", false);
        String model = string(root, "model", false);
        JsonNode words = root.get("words");
        if (words != null && !words.isBoolean() && !words.isNull()) {
            throw ApiException.badRequest("\"words\" must be true or false");
        }
        int characters = text.length() + (textB == null ? 0 : textB.length());
        if (characters > MAX_CHARACTERS) {
            throw ApiException.tooLarge("the text has " + characters + " characters; the limit is " + MAX_CHARACTERS);
        }
        return new TextRequest(model == null ? defaultModel : model, text, textB, words != null && words.asBoolean());
    }

    boolean isPair() {
        return textB != null;
    }

    private static String string(JsonNode root, String field, boolean required) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            if (required) throw ApiException.badRequest("the body has no \"" + field + "\"");
            return null;
        }
        if (!value.isTextual()) throw ApiException.badRequest("\"" + field + "\" must be a string");
        return value.textValue();
    }
}
