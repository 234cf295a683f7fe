package dev.attend.web;

/** A 0-based index given as a query parameter (layer, head, query token), checked against its count. */
final class IndexParameter {
    private IndexParameter() {}

    /** The index, or null when the parameter is absent; a 400 when it is not a whole number in 0..count-1. */
    static Integer optional(String name, String value, int count) {
        if (value == null) return null;
        try {
            int index = Integer.parseInt(value);
            if (index >= 0 && index < count) return index;
        } catch (NumberFormatException e) {
            // refused below with the range
        }
        throw ApiException.badRequest(name + " must be a whole number from 0 to " + (count - 1));
    }

    static int required(String name, String value, int count) {
        Integer index = optional(name, value, count);
        if (index == null) throw ApiException.badRequest("give ?" + name + "= (0 to " + (count - 1) + ")");
        return index;
    }
}
