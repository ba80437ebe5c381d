package dev.theater.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code theater} command. */
@Command(
        name = "theater",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Theater: a WebAssembly actor runtime for isolated, observed and supervised code.",
        subcommands = {
            RunCommand.class,
            EventsCommand.class,
            VerifyCommand.class,
            StoreCommand.class,
            PluginsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            scope = CommandLine.ScopeType.INHERIT,
            description = "runtime log level on stderr: error, warn (default), info, debug, trace")
    void logLevel(String level) {
        // Read by slf4j-simple when the first logger is created, which happens after the options are parsed.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    }

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
