package dev.theater.cli;

import dev.theater.chain.ChainFileException;
import dev.theater.chain.ChainReader;
import dev.theater.chain.ChainVerifier;
import dev.theater.chain.ReadResult;
import dev.theater.chain.VerifyResult;
import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code theater events <chain-file> [--json]}: prints the events of a chain file. {@code theater events a.chain
 * b.chain ... --causal} merges the chains of actors that messaged each other into one causal history.
 */
@Command(
        name = "events",
        description = {
            "Print the events of a chain file, oldest first.",
            "With --causal, merge several actors' chains into one history in which every received message comes"
                    + " after the send that its message-receive event names."
        })
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "<chain-file>",
            arity = "1..*",
            description = "a chain file, e.g. ~/.theater/chains/<actor-id>.chain (several with --causal)")
    List<Path> files;

    @Option(names = "--json", description = "one JSON object per line instead of text")
    boolean json;

    @Option(
            names = "--causal",
            description = "merge the chains into one causal history; each line starts with the actor's name, and a"
                    + " received message names the send it came from")
    boolean causal;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (files.size() > 1 && !causal) {
            err.println("theater events: " + files.size() + " chain files given; add --causal to merge them into one"
                    + " causal history, or give one file");
            return 2;
        }
        List<ReadResult> reads = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("theater events: no chain file at " + file
                        + "; chains are under <home>/chains/<actor-id>.chain");
                return 2;
            }
            try {
                reads.add(ChainReader.read(file));
            } catch (ChainFileException e) {
                err.println("theater events: " + file + " is damaged: "
                        + e.broken().message() + "; run 'theater verify " + file + "' for details");
                return 1;
            } catch (IOException e) {
                err.println("theater events: cannot read " + file + ": " + e.getMessage());
                return 2;
            }
        }
        if (causal) {
            printCausal(reads, out);
        } else {
            for (ChainEvent event : reads.get(0).events()) {
                out.println(json ? json(event) : line(event));
            }
        }
        int status = 0;
        for (int i = 0; i < reads.size(); i++) {
            Optional<String> problem = problem(files.get(i), reads.get(i));
            if (problem.isPresent()) {
                err.println("warning: " + files.get(i) + ": " + problem.get() + "; the events above cannot be trusted"
                        + " as a record (theater verify " + files.get(i) + ")");
                status = 1;
            }
        }
        return status;
    }

    /** Why a chain that was read does not verify: a torn tail, a broken link or hash, or a cut after its head. */
    private static Optional<String> problem(Path file, ReadResult read) {
        if (read.tornTail().isPresent()) {
            return Optional.of(read.tornTail().get().message());
        }
        try {
            if (ChainVerifier.verify(file) instanceof VerifyResult.Broken broken) {
                return Optional.of(broken.message());
            }
        } catch (IOException e) {
            return Optional.of("cannot be verified: " + e.getMessage());
        }
        return Optional.empty();
    }

    private void printCausal(List<ReadResult> reads, PrintWriter out) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (int i = 0; i < reads.size(); i++) {
            String fallback = files.get(i).getFileName().toString().replaceFirst("\\.chain$", "");
            String name = CausalHistory.actorName(reads.get(i).events(), fallback);
            names.add(name);
            uses.merge(name, 1, Integer::sum);
        }
        List<CausalHistory.Source> sources = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            String name = names.get(i);
            // Actors of the same name are told apart by their chain file (named after the actor id).
            String label = uses.get(name) > 1
                    ? name + "/" + files.get(i).getFileName().toString().replaceFirst("\\.chain$", "")
                    : name;
            sources.add(new CausalHistory.Source(label, reads.get(i).events()));
        }
        for (CausalHistory.Entry entry : CausalHistory.merge(sources)) {
            ChainEvent event = entry.event();
            if (json) {
                String line = json(event);
                StringBuilder extra = new StringBuilder("{\"actor\":").append(EventFormat.quote(entry.label()));
                entry.cause().ifPresent(c -> extra.append(",\"caused_by\":{\"actor\":")
                        .append(EventFormat.quote(c.label()))
                        .append(",\"seq\":")
                        .append(c.seq())
                        .append('}'));
                if (entry.outOfOrder()) {
                    extra.append(",\"out_of_order\":true");
                }
                out.println(extra.append(',').append(line, 1, line.length()));
            } else {
                StringBuilder text = new StringBuilder("[")
                        .append(entry.label())
                        .append("] ")
                        .append(line(event));
                entry.cause().ifPresent(c -> text.append("  <- [")
                        .append(c.label())
                        .append("] #")
                        .append(c.seq()));
                if (entry.outOfOrder()) {
                    text.append("  (out of causal order: the chains contradict each other)");
                }
                out.println(text);
            }
        }
    }

    private static String json(ChainEvent event) {
        return EventFormat.json(
                event.seq(),
                event.hashHex(),
                event.parentHashHex(),
                event.eventType(),
                event.timestamp(),
                event.data(),
                event.description());
    }

    private static String line(ChainEvent event) {
        return EventFormat.line(
                event.seq(), event.hashHex(), event.eventType(), event.timestamp(), event.data(), event.description());
    }
}
