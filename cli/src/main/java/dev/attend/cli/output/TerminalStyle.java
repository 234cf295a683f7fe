package dev.attend.cli.output;

/** Whether to colour terminal output: only on a real terminal, never with NO_COLOR set or TERM=dumb. */
public record TerminalStyle(boolean colour) {

    public static TerminalStyle detect() {
        boolean tty = stdoutIsTerminal();
        String term = System.getenv("TERM");
        boolean colour = tty && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
        return new TerminalStyle(colour);
    }

    /**
     * Whether standard output is an interactive terminal. From JDK 22 on, System.console() exists even when
     * output is piped, and Console.isTerminal() (JDK 22+, called reflectively since attend targets 21) tells.
     */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }

    /** A 256-colour background shade for a weight in [0, 1] (dark to bright), with readable text on it. */
    String shade(float weight, String text) {
        if (!colour) return text;
        int level = Math.round(Math.max(0f, Math.min(1f, weight)) * 23);
        int background = 232 + level;
        int foreground = level > 13 ? 16 : 252;
        return "\u001b[48;5;" + background + ";38;5;" + foreground + "m" + text + "\u001b[0m";
    }

    String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }
}
