package dev.theater.cli;

import dev.theater.chain.ChainVerifier;
import dev.theater.chain.VerifyResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code theater verify <chain-file>}: exit 0 when intact, 1 naming the first bad event, 2 when unreadable. */
@Command(
        name = "verify",
        description = "Check a chain file: every hash, link and record. Exit 0 when intact, 1 when broken.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<chain-file>", description = "a chain file, e.g. ~/.theater/chains/<actor-id>.chain")
    Path file;

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
        return switch (result) {
            case VerifyResult.Intact intact -> {
                out.println("intact: " + intact.count() + " events, head " + intact.headHashHex() + " (" + file + ")");
                yield 0;
            }
            case VerifyResult.Broken broken -> {
                err.println("broken: " + file + ": " + broken.message());
                yield 1;
            }
        };
    }
}
