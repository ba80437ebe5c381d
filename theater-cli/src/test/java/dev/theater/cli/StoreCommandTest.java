package dev.theater.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.handler.store.ContentRef;
import dev.theater.handler.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StoreCommandTest {
    @TempDir
    Path dir;

    Path home;
    Path file;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void writeFile() throws Exception {
        home = dir.resolve("home");
        file = dir.resolve("actor.wasm");
        Files.write(file, "not really wasm".getBytes(UTF_8));
    }

    int run(String... args) {
        CommandLine cli = new CommandLine(new StoreCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void putStoresTheFileInANewStoreAndPrintsItsReference() {
        assertThat(run("put", file.toString(), "--home", home.toString())).isZero();

        String reference = out.toString().strip();
        String hash = ContentRef.of("not really wasm".getBytes(UTF_8)).hash();
        assertThat(reference).matches("store:[0-9a-f]{32}/" + hash);
        String storeId = reference.substring("store:".length(), reference.indexOf('/'));
        assertThat(err.toString()).contains("created store " + storeId);
        assertThat(new Stores(home).open(storeId).get(new ContentRef(hash)))
                .isEqualTo("not really wasm".getBytes(UTF_8));
    }

    @Test
    void putIntoAnExistingStoreWithALabel() {
        String storeId = new Stores(home).create().id();

        assertThat(run("put", file.toString(), "--home", home.toString(), "--store", storeId, "--label", "v1"))
                .isZero();

        ContentRef ref = ContentRef.of("not really wasm".getBytes(UTF_8));
        assertThat(out.toString().strip()).isEqualTo("store:" + storeId + "/" + ref.hash());
        assertThat(new Stores(home).open(storeId).getByLabel("v1")).contains(ref);
    }

    @Test
    void putIntoAStoreThatDoesNotExistFailsNamingIt() {
        String missing = "0123456789abcdef0123456789abcdef";

        assertThat(run("put", file.toString(), "--home", home.toString(), "--store", missing))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no store " + missing);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void putOfAFileThatCannotBeReadFailsNamingIt() {
        assertThat(run("put", dir.resolve("missing.wasm").toString(), "--home", home.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot read").contains("missing.wasm");
    }
}
