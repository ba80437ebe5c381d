package dev.theater.cli;

import dev.theater.chain.ChainFileException;
import dev.theater.chain.ChainReader;
import dev.theater.chain.ReadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code theater events <chain-file> [--json]}: prints the events of a chain file. */
@Command(name = "events", description = "Print the events of a chain file, oldest first.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<chain-file>", description = "a chain file, e.g. ~/.theater/chains/<actor-id>.chain")
    Path file;

    @Option(names = "--json", description = "one JSON object per line instead of text")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println(
                    "theater events: no chain file at " + file + "; chains are under <home>/chains/<actor-id>.chain");
            return 2;
        }
        ReadResult read;
        try {
            read = ChainReader.read(file);
        } catch (ChainFileException e) {
            err.println("theater events: " + file + " is damaged: " + e.broken().message() + "; run 'theater verify "
                    + file + "' for details");
            return 1;
        } catch (IOException e) {
            err.println("theater events: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        for (var event : read.events()) {
            out.println(
                    json
                            ? EventFormat.json(
                                    event.seq(),
                                    event.hashHex(),
                                    event.parentHashHex(),
                                    event.eventType(),
                                    event.timestamp(),
                                    event.data(),
                                    event.description())
                            : EventFormat.line(
                                    event.seq(),
                                    event.hashHex(),
                                    event.eventType(),
                                    event.timestamp(),
                                    event.data(),
                                    event.description()));
        }
        if (read.tornTail().isPresent()) {
            err.println("warning: " + read.tornTail().get().message());
            return 1;
        }
        return 0;
    }
}
