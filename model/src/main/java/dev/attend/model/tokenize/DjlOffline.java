package dev.attend.model.tokenize;

/**
 * Keeps DJL from reaching the network: tokenizers are loaded from files, and its usage report (which probes
 * cloud metadata addresses) is turned off, unless the user has set these switches themselves.
 */
final class DjlOffline {
    private DjlOffline() {}

    static void ensure() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
