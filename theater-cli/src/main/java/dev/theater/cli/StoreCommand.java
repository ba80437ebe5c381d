package dev.theater.cli;

import dev.theater.handler.store.ContentRef;
import dev.theater.handler.store.ContentStore;
import dev.theater.handler.store.StoreException;
import dev.theater.handler.store.Stores;
import dev.theater.manifest.BoundedFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code theater store put <file>}: puts a file into a store under the runtime home and prints its reference. */
@Command(
        name = "store",
        description = "Content-addressed stores under the runtime home (<home>/store).",
        subcommands = {StoreCommand.Put.class})
final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit 0 with the reference on standard output; 1 when the store refuses; 2 when the file cannot be read. */
    @Command(
            name = "put",
            description = {
                "Store a file and print its reference, store:<store-id>/<sha256>, for a manifest's component or"
                        + " init_state.",
                "Without --store, creates a new store (its id is part of the reference)."
            })
    static final class Put implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<file>", description = "the file to store, e.g. build/hello.wasm")
        Path file;

        @Option(
                names = "--store",
                paramLabel = "<store-id>",
                description = "an existing store to put the file into (default: a new store)")
        String storeId;

        @Option(
                names = "--label",
                paramLabel = "<label>",
                description = "also add the content to this label of the store")
        String label;

        @Option(
                names = "--home",
                paramLabel = "<dir>",
                defaultValue = "${env:THEATER_HOME:-${sys:user.home}/.theater}",
                description = "the runtime home (default: $THEATER_HOME, else ~/.theater)")
        Path home;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            byte[] content;
            try {
                content = BoundedFiles.read(file, BoundedFiles.MAX_COMPONENT_BYTES, "file");
            } catch (BoundedFiles.InputLimitException e) {
                err.println("theater store put: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                err.println("theater store put: cannot read " + file + ": " + e);
                return 2;
            }
            Stores stores = new Stores(home);
            try {
                ContentStore store;
                if (storeId == null) {
                    store = stores.create();
                    err.println("created store " + store.id() + " under " + stores.root());
                } else {
                    store = stores.open(storeId);
                }
                ContentRef ref = label == null ? store.put(content) : store.putAtLabel(label, content);
                out.println("store:" + store.id() + "/" + ref.hash());
                return 0;
            } catch (StoreException | IllegalArgumentException e) {
                err.println("theater store put: " + e.getMessage());
                return 1;
            }
        }
    }
}
