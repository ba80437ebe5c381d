package dev.theater.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code theater} command. */
@Command(
        name = "theater",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Theater: a WebAssembly actor runtime for isolated, observed and supervised code.",
        subcommands = {EventsCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
