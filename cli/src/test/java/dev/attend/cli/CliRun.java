package dev.attend.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the command line with standard output and error captured. */
record CliRun(int exitCode, String out, String err) {

    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = AttendCommand.run(args);
            System.out.flush();
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Bad input: exit code 2, one line on stderr that starts with "attend: " and names the fix, no stack trace, nothing on stdout. */
    void assertRejected(String messagePart) {
        org.assertj.core.api.Assertions.assertThat(exitCode).as(err).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(err.strip().lines()).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(err).startsWith("attend: ").contains(messagePart)
                .doesNotContain("Exception").doesNotContain("\tat ");
        org.assertj.core.api.Assertions.assertThat(out).isEmpty();
    }
}
