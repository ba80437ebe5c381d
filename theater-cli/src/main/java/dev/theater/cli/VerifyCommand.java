package dev.theater.cli;

import dev.theater.chain.ChainHead;
import dev.theater.chain.ChainReader;
import dev.theater.chain.ChainVerifier;
import dev.theater.chain.VerifyResult;
import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code theater verify <chain-file> [--head HASH]}: exit 0 when intact, 1 naming the first bad event (including
 * events cut off after the head its head file or {@code --head} records), 2 when unreadable.
 */
@Command(
        name = "verify",
        description = "Check a chain file: every hash, link and record. Exit 0 when intact, 1 when broken.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<chain-file>", description = "a chain file, e.g. ~/.theater/chains/<actor-id>.chain")
    Path file;

    @Option(
            names = "--head",
            paramLabel = "HASH",
            description = "a head hash kept from before (theater run prints it): the chain must contain that event")
    String head;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println(
                    "theater verify: no chain file at " + file + "; chains are under <home>/chains/<actor-id>.chain");
            return 2;
        }
        VerifyResult result;
        try {
            result = ChainVerifier.verify(file);
        } catch (IOException e) {
            err.println("theater verify: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (head != null && !head.matches("[0-9a-fA-F]{64}")) {
            err.println("theater verify: --head " + head + " is not a head hash; give the 64 hex digits"
                    + " theater run printed");
            return 2;
        }
        return switch (result) {
            case VerifyResult.Intact intact -> {
                if (head != null) {
                    Optional<String> missing = missingHead();
                    if (missing.isPresent()) {
                        err.println("broken: " + file + ": " + missing.get());
                        yield 1;
                    }
                }
                out.println("intact: " + intact.count() + " events, head " + intact.headHashHex() + " (" + file + ")");
                printHeadFile(out);
                yield 0;
            }
            case VerifyResult.Broken broken -> {
                err.println("broken: " + file + ": " + broken.message());
                yield 1;
            }
        };
    }

    /** Why the chain lacks the event {@code --head} names, or empty when it has it. */
    private Optional<String> missingHead() {
        String wanted = head.toLowerCase(Locale.ROOT);
        List<ChainEvent> events;
        try {
            events = ChainReader.read(file).events();
        } catch (IOException e) {
            return Optional.of("cannot read it to look for head " + wanted + ": " + e.getMessage());
        }
        for (ChainEvent event : events) {
            if (event.hashHex().equals(wanted)) {
                return Optional.empty();
            }
        }
        return Optional.of("no event has the hash " + wanted + " given with --head: the chain was cut before it or"
                + " rewritten (it has " + events.size() + " events)");
    }

    private void printHeadFile(PrintWriter out) {
        Path headFile = ChainHead.fileFor(file);
        if (Files.exists(headFile)) {
            out.println("head file " + headFile + " agrees (it recorded the chain at its last sync)");
        } else {
            out.println("no head file (" + headFile + "): whole events cut off the end would not show; compare the"
                    + " head with one kept elsewhere (--head)");
        }
    }
}
