package dev.attend.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "attend", mixinStandardHelpOptions = true, version = "attend 0.1.0",
        description = "See, measure and learn attention in transformers.")
public final class AttendCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new AttendCommand()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
