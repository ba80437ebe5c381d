package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class RunCommandTest {
    private static final Path HELLO = Path.of("..", "examples", "hello", "hello.toml");

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String guest(String name) throws URISyntaxException {
        return Path.of(RunCommandTest.class.getResource("/guests/" + name).toURI())
                .toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void helloRunsToItsOwnShutdownAndLeavesAVerifiableChain(String engine) {
        assertThat(run("run", HELLO.toString(), "--engine", engine, "--home", home.toString()))
                .as(err.toString())
                .isZero();
        String printed = out.toString();
        assertThat(printed)
                .contains("[hello] Hello from a Theater actor written in C!")
                .contains("[hello] my actor id is ")
                .contains("chain #0")
                .contains("host-call")
                .containsPattern("actor hello [0-9a-f-]{36} stopped");
        Matcher chain = Pattern.compile("chain: (\\S+\\.chain) \\((\\d+) events: \\d+ lifecycle, ")
                .matcher(printed);
        assertThat(chain.find()).as(printed).isTrue();
        Path file = Path.of(chain.group(1));
        assertThat(file).startsWith(home).exists();

        out.getBuffer().setLength(0);
        assertThat(run("verify", file.toString())).isZero();
        assertThat(out.toString()).startsWith("intact: " + chain.group(2) + " events");

        Matcher head =
                Pattern.compile("head: ([0-9a-f]{64}) \\(event #(\\d+)\\)").matcher(printed);
        assertThat(head.find()).as(printed).isTrue();
        assertThat(Long.parseLong(head.group(2)) + 1).isEqualTo(Long.parseLong(chain.group(2)));
        assertThat(out.toString()).contains("head " + head.group(1));
        assertThat(run("verify", file.toString(), "--head", head.group(1))).isZero();
    }

    @Test
    void theActorIdPrintedIsTheOneItReportsForItself() {
        run("run", HELLO.toString(), "--home", home.toString(), "--quiet-chain");
        Matcher self = Pattern.compile("my actor id is ([0-9a-f-]{36})").matcher(out.toString());
        assertThat(self.find()).isTrue();
        assertThat(out.toString()).contains("actor hello " + self.group(1) + " stopped");
        assertThat(out.toString()).doesNotContain("chain #");
    }

    @Test
    void anInitThatFailsExitsOneWithTheReason() throws Exception {
        assertThat(run("run", guest("init-fails.toml"), "--home", home.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("init refused: no config");
    }

    /** Raw terminal controls: ESC, CR, BEL, DEL and the C1 CSI. */
    private static final String RAW_CONTROLS = "[\\x1b\\r\\x07\\x7f\\x9b]";

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void controlCharactersInAGuestsLogLinesArePrintedEscaped(String engine) throws Exception {
        assertThat(run("run", guest("hostile-output.toml"), "--engine", engine, "--home", home.toString()))
                .as(err.toString())
                .isZero();

        assertThat(out.toString() + err)
                .doesNotContainPattern(RAW_CONTROLS)
                .contains("[hostile-output] \\u001b[2J\\rtheater: chain verified intact\\u001b]0;x\\u0007");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void controlCharactersInAGuestsErrorArePrintedEscaped(String engine) throws Exception {
        assertThat(run("run", guest("hostile-error.toml"), "--engine", engine, "--home", home.toString()))
                .isEqualTo(1);

        assertThat(out.toString() + err)
                .doesNotContainPattern(RAW_CONTROLS)
                .contains("bad\\u001b[31mreason\\r\\nok\\u007f\\u009b");
    }

    /** Hostile inputs that used to hang, run out of memory or overflow the stack, and what their error names. */
    static Stream<Arguments> hostileInputs() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        return Stream.of(
                Arguments.of("component = \"/dev/zero\"", List.of("hostile.toml", "component", "not a regular file")),
                Arguments.of("component = \"pipe\"", List.of("hostile.toml", "component", "a pipe")),
                Arguments.of(
                        "component = \"a.wasm\"\ninit_state = \"/dev/zero\"",
                        List.of("hostile.toml", "init_state", "not a regular file")),
                Arguments.of(
                        "component = \"a.wasm\"\nd = " + deep, List.of("hostile.toml:3:", "d:", "more than 64 levels")),
                Arguments.of(
                        "component = \"a.wasm\"\ndescription = \"" + "x".repeat(50 << 20) + "\"",
                        List.of("hostile.toml", "over the limit of 1 MiB")),
                Arguments.of(
                        "component = \"secret.txt\"",
                        List.of("component", "secret.txt", "not a wasm module (17 bytes)")));
    }

    @ParameterizedTest
    @MethodSource("hostileInputs")
    void hostileInputExitsTwoWithOneLineNamingTheFileTheKeyAndTheLimit(String toml, List<String> named)
            throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", home.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.write(home.resolve("a.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Files.writeString(home.resolve("secret.txt"), "password=hunter2\n");
        Path manifest = Files.writeString(home.resolve("hostile.toml"), "name = \"hostile\"\n" + toml + "\n");

        assertThat(run("run", manifest.toString(), "--home", home.toString())).isEqualTo(2);

        assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
        assertThat(err.toString()).contains(named).doesNotContain("hunter2").doesNotContain("Exception");
    }

    @Test
    void aManifestErrorExitsTwoNamingTheKey() throws Exception {
        assertThat(run("run", guest("bad-key.toml"), "--home", home.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad-key.toml").contains("compnent").contains("component");
    }

    @Test
    void aMissingManifestExitsTwo() {
        assertThat(run("run", home.resolve("nope.toml").toString(), "--home", home.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("nope.toml");
    }

    @Test
    void anImportNoGrantedHandlerProvidesExitsTwoNamingTheHandlerToAdd() throws Exception {
        assertThat(run("run", guest("wants-process.toml"), "--home", home.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("actor 'fetcher' imports theater:simple/process#os-spawn")
                .contains("add [[handler]] type = \"process\" to wants-process.toml");
    }

    @Test
    void anUnknownEngineExitsTwoListingTheKnownOnes() {
        assertThat(run("run", HELLO.toString(), "--engine", "v8", "--home", home.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'v8'").contains("chicory").contains("wasmtime");
    }

    @Test
    void nothingIsWrittenOutsideTheHome() throws Exception {
        run("run", HELLO.toString(), "--home", home.toString(), "--quiet-chain");
        try (var files = Files.list(home.resolve("chains"))) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("^[0-9a-f-]{36}", "<id>")))
                    .containsExactlyInAnyOrder("<id>.chain", "<id>.chain.head");
        }
    }
}
