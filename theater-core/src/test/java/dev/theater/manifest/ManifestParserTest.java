package dev.theater.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.theater.spi.supervision.SupervisionPolicy;
import dev.theater.spi.supervision.SupervisionPolicy.Restart;
import dev.theater.spi.supervision.SupervisionPolicy.RestartState;
import dev.theater.spi.supervision.SupervisionPolicy.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String MINIMAL = "name = \"hello\"\ncomponent = \"hello.wasm\"\n";

    @TempDir
    Path dir;

    private Path wasm;

    @BeforeEach
    void createGuest() throws IOException {
        wasm = touch("hello.wasm");
    }

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {0, 'a', 's', 'm'});
    }

    private Manifest parse(String toml) {
        return ManifestParser.parse(toml, dir, "hello.toml");
    }

    private ManifestException error(String toml) {
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> parse(toml));
        assertThat(e).as("a ManifestException for:%n%s", toml).isNotNull();
        assertThat(e.file()).isEqualTo("hello.toml");
        assertThat(e.getMessage()).startsWith("hello.toml");
        return e;
    }

    @Test
    void aFullManifestParsesIntoTheExpectedRecord() throws IOException {
        Path state = touch("state/init.json");
        Manifest manifest = parse("""
                name = "fetcher"
                version = "1.2.3"
                component = "hello.wasm"
                description = "fetches pages"
                init_state = "state/init.json"
                engine = "chicory"
                save_chain = false

                [limits]
                memory = "16MiB"
                call_timeout = "2s"
                mailbox = 16

                [supervision]
                strategy = "rest-for-one"
                restart = "transient"
                max_restarts = 10
                period = "1m"
                backoff_min = "100ms"
                backoff_max = 30000
                restart_state = "last"

                [[handler]]
                type = "process"
                zeta = "first"
                allow = ["ls", "cat"]
                env = { HOME = "/tmp", DEPTH = 2 }
                ratio = 0.5
                verbose = true
                since = 1979-05-27T07:32:00Z
                day = 1979-05-27

                [[handler]]
                type = "message-server"
                """);

        Manifest expected = Manifest.builder("fetcher", new ComponentSource.File(wasm.toAbsolutePath()))
                .withVersion("1.2.3")
                .withDescription("fetches pages")
                .withInitState(new ComponentSource.File(state.toAbsolutePath()))
                .withEngine("chicory")
                .withSaveChain(false)
                .withLimits(new Limits(16L << 20, Optional.of(Duration.ofSeconds(2)), 16))
                .withSupervision(new SupervisionPolicy(
                        Strategy.REST_FOR_ONE,
                        Restart.TRANSIENT,
                        10,
                        Duration.ofMinutes(1),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(30),
                        RestartState.LAST))
                .addHandler(
                        "process",
                        Map.of(
                                "zeta", "first",
                                "allow", List.of("ls", "cat"),
                                "env", Map.of("HOME", "/tmp", "DEPTH", 2L),
                                "ratio", 0.5,
                                "verbose", true,
                                "since", OffsetDateTime.parse("1979-05-27T07:32:00Z"),
                                "day", LocalDate.parse("1979-05-27")))
                .addHandler("message-server", Map.of())
                .withOrigin("hello.toml")
                .build();
        assertThat(manifest).isEqualTo(expected);
    }

    @Test
    void theExampleInTheDocumentationParses() throws IOException {
        String doc = Files.readString(Path.of("../docs/manifest.md"));
        int start = doc.indexOf("```toml\n") + "```toml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));
        touch("build/fetcher.wasm");
        touch("state/initial.json");

        Manifest manifest = parse(example);

        assertThat(manifest.name()).isEqualTo("fetcher");
        assertThat(manifest.limits().memory()).isEqualTo(16L << 20);
        assertThat(manifest.supervision().restart()).isEqualTo(Restart.TRANSIENT);
        assertThat(manifest.handlers()).extracting(HandlerEntry::type).containsExactly("process", "message-server");
        assertThat(manifest.handler("process").orElseThrow().config()).isEqualTo(Map.of("allow", List.of("curl")));
    }

    @Test
    void absentOptionalKeysTakeTheirDocumentedDefaults() {
        Manifest manifest = parse(MINIMAL);

        assertThat(manifest.version()).isEqualTo("0.0.0");
        assertThat(manifest.description()).isEmpty();
        assertThat(manifest.initState()).isEmpty();
        assertThat(manifest.engine()).isEmpty();
        assertThat(manifest.saveChain()).isTrue();
        assertThat(manifest.limits()).isEqualTo(new Limits(64L << 20, Optional.of(Duration.ofSeconds(30)), 1024));
        assertThat(manifest.supervision())
                .isEqualTo(new SupervisionPolicy(
                        Strategy.ONE_FOR_ONE,
                        Restart.PERMANENT,
                        3,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(10),
                        Duration.ofSeconds(5),
                        RestartState.INITIAL));
        assertThat(manifest.handlers()).isEmpty();
        assertThat(manifest.origin()).isEqualTo("hello.toml");
    }

    @Test
    void keysLeftOutOfAPresentTableTakeTheirDefaults() {
        Manifest manifest = parse(MINIMAL + "[limits]\nmailbox = 8\n[supervision]\nstrategy = \"one-for-all\"\n");

        assertThat(manifest.limits())
                .isEqualTo(new Limits(Limits.DEFAULT_MEMORY, Optional.of(Limits.DEFAULT_CALL_TIMEOUT), 8));
        assertThat(manifest.supervision().strategy()).isEqualTo(Strategy.ONE_FOR_ALL);
        assertThat(manifest.supervision().maxRestarts()).isEqualTo(3);
    }

    @Test
    void aManifestFileResolvesRelativePathsAgainstItsOwnDirectory() throws IOException {
        Path guest = touch("build/guest.wasm");
        Path manifestFile = dir.resolve("actors/fetcher.toml");
        Files.createDirectories(manifestFile.getParent());
        Files.writeString(manifestFile, "name = \"fetcher\"\ncomponent = \"../build/guest.wasm\"\n");

        Manifest manifest = ManifestParser.parse(manifestFile);

        assertThat(manifest.component()).isEqualTo(new ComponentSource.File(guest.toAbsolutePath()));
        assertThat(manifest.origin()).isEqualTo(manifestFile.toString());
    }

    @Test
    void parsedTextResolvesRelativePathsAgainstTheGivenBaseDirectory() throws IOException {
        Path guest = touch("sub/dir/g.wasm");

        Manifest manifest =
                ManifestParser.parse("name = \"g\"\ncomponent = \"dir/./g.wasm\"\n", dir.resolve("sub"), "inline.toml");

        assertThat(manifest.component()).isEqualTo(new ComponentSource.File(guest.toAbsolutePath()));
    }

    @Test
    void anAbsoluteComponentPathIsKeptAsItIs() {
        Manifest manifest = parse("name = \"a\"\ncomponent = " + ManifestParser.quote(wasm.toString()) + "\n");

        assertThat(manifest.component()).isEqualTo(new ComponentSource.File(wasm));
    }

    @Test
    void storeReferencesParseIntoStoreIdAndContentHash() {
        Manifest manifest = parse("name = \"a\"\ncomponent = \"store:main/" + HASH + "\"\ninit_state = \"store:"
                + "team.archive_2/" + HASH.toUpperCase() + "\"\n");

        assertThat(manifest.component()).isEqualTo(new ComponentSource.StoreRef("main", HASH));
        assertThat(manifest.initState()).contains(new ComponentSource.StoreRef("team.archive_2", HASH));
        assertThat(((ComponentSource.StoreRef) manifest.component()).reference())
                .isEqualTo("store:main/" + HASH);
    }

    @ParameterizedTest
    @CsvSource({
        "store:main, with a '/'",
        "store:/" + HASH + ", the store id '' must be",
        "store:ma in/" + HASH + ", the store id 'ma in' must be",
        "store:main/abc, the content hash must be the 64 hex digits of a SHA-256, found 3 characters 'abc'",
        "store:main/" + HASH + "0, found 65 characters",
        "store:main/zz" + HASH + ", found 66 characters",
    })
    void aMalformedStoreReferenceNamesTheKeyAndTheRule(String reference, String reason) {
        ManifestException e = error("name = \"a\"\ncomponent = \"" + reference + "\"\n");

        assertThat(e.key()).isEqualTo("component");
        assertThat(e.getMessage())
                .startsWith("hello.toml:2:1: component: expected a path relative to this manifest such as "
                        + "\"build/hello.wasm\", or \"store:<store-id>/<sha256-hex>\", found \"" + reference + "\"")
                .contains(reason);
    }

    @Test
    void aMissingComponentFileNamesTheFileTheKeyTheResolvedPathAndTheFix() {
        ManifestException e = error("name = \"a\"\ncomponent = \"build/hello.wasm\"\n");

        Path resolved = dir.toAbsolutePath().resolve("build/hello.wasm");
        assertThat(e.key()).isEqualTo("component");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage())
                .isEqualTo("hello.toml:2:1: component: file 'build/hello.wasm' not found (resolved to " + resolved
                        + "); build the guest or fix the path");
    }

    @Test
    void aMissingInitStateFileIsAnErrorOnInitState() {
        ManifestException e = error(MINIMAL + "init_state = \"state.json\"\n");

        assertThat(e.key()).isEqualTo("init_state");
        assertThat(e.getMessage())
                .isEqualTo("hello.toml:3:1: init_state: file 'state.json' not found (resolved to "
                        + dir.toAbsolutePath().resolve("state.json") + "); create the file or fix the path");
    }

    @Test
    void aDirectoryIsNotAComponent() throws IOException {
        Files.createDirectories(dir.resolve("build"));

        ManifestException e = error("name = \"a\"\ncomponent = \"build\"\n");

        assertThat(e.key()).isEqualTo("component");
        assertThat(e.getMessage()).contains("'build' is a directory").endsWith("name a file, not a directory");
    }

    @ParameterizedTest
    @CsvSource({"''", "'   '"})
    void aBlankComponentIsRefused(String blank) {
        ManifestException e = error("name = \"a\"\ncomponent = \"" + blank + "\"\n");

        assertThat(e.key()).isEqualTo("component");
        assertThat(e.getMessage()).contains("expected a path relative to this manifest");
    }

    @Test
    void anUnknownTopLevelKeySuggestsTheClosestKnownKey() {
        ManifestException e = error("name = \"a\"\nversion = \"1\"\ncompnent = \"hello.wasm\"\n");

        assertThat(e.key()).isEqualTo("compnent");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage())
                .isEqualTo("hello.toml:3:1: unknown key 'compnent'; known keys: name, version, component, "
                        + "description, init_state, engine, save_chain, limits, supervision, handler; "
                        + "did you mean 'component'?");
    }

    @ParameterizedTest
    @CsvSource({
        "save-chain = true, save_chain",
        "'[limit]', limits",
        "'[[handlers]]\ntype = \"x\"', handler",
        "initState = \"x\", init_state",
        "Name = \"x\", name",
    })
    void commonMisspellingsGetASuggestion(String line, String suggestion) {
        ManifestException e = error(MINIMAL + line + "\n");

        assertThat(e.getMessage()).endsWith("; did you mean '" + suggestion + "'?");
    }

    @Test
    void anUnknownKeyFarFromEveryKnownKeyGetsNoSuggestion() {
        ManifestException e = error(MINIMAL + "colour = \"blue\"\n");

        assertThat(e.getMessage()).contains("unknown key 'colour'").doesNotContain("did you mean");
    }

    @Test
    void unknownKeysInLimitsAndSupervisionAreNamedByTheirDottedPath() {
        ManifestException limits = error(MINIMAL + "[limits]\nmemroy = \"1MiB\"\n");
        ManifestException supervision = error(MINIMAL + "[supervision]\nmax_restart = 3\n");

        assertThat(limits.key()).isEqualTo("limits.memroy");
        assertThat(limits.getMessage())
                .isEqualTo("hello.toml:4:1: unknown key 'limits.memroy'; known keys in [limits]: memory, "
                        + "call_timeout, mailbox; did you mean 'memory'?");
        assertThat(supervision.key()).isEqualTo("supervision.max_restart");
        assertThat(supervision.getMessage()).endsWith("did you mean 'max_restarts'?");
    }

    @Test
    void anUnknownKeyIsReportedBeforeTheMissingKeyItMisspells() {
        ManifestException e = error("name = \"a\"\ncomponnt = \"hello.wasm\"\n");

        assertThat(e.key()).isEqualTo("componnt");
    }

    @Test
    void aMissingNameOrComponentIsAnErrorWithTheFix() {
        ManifestException noName = error("component = \"hello.wasm\"\n");
        ManifestException noComponent = error("name = \"a\"\n");

        assertThat(noName.key()).isEqualTo("name");
        assertThat(noName.getMessage())
                .isEqualTo("hello.toml: name: missing; add name = \"my-actor\" at the top of the manifest");
        assertThat(noComponent.key()).isEqualTo("component");
        assertThat(noComponent.getMessage()).startsWith("hello.toml: component: missing; add component = ");
    }

    @ParameterizedTest
    @CsvSource({"'3 blind mice'", "''", "-lead", "héllo", "a.b"})
    void aNameThatIsNotIdentifierLikeIsRefused(String name) {
        ManifestException e = error("name = \"" + name + "\"\ncomponent = \"hello.wasm\"\n");

        assertThat(e.key()).isEqualTo("name");
        assertThat(e.getMessage())
                .isEqualTo("hello.toml:1:1: name: expected an actor name such as \"hello-world\": a letter, then "
                        + "letters, digits, '-' or '_', at most 64 characters, found \"" + name + "\"");
    }

    @Test
    void aNameOfSixtyFiveCharactersIsTooLong() {
        assertThat(parse("name = \"" + "a".repeat(64) + "\"\ncomponent = \"hello.wasm\"\n")
                        .name())
                .hasSize(64);
        assertThat(error("name = \"" + "a".repeat(65) + "\"\ncomponent = \"hello.wasm\"\n")
                        .key())
                .isEqualTo("name");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "name = 5|name|expected an actor name such as \"hello-world\"|integer 5",
                "version = 1|version|expected a version string such as \"0.1.0\"|integer 1",
                "version = \" \"|version|expected a version string such as \"0.1.0\"|\" \"",
                "description = true|description|expected a string|boolean true",
                "save_chain = \"yes\"|save_chain|expected true or false|\"yes\"",
                "engine = \"Chicory\"|engine|expected an engine id such as \"chicory\" or \"wasmtime\"|\"Chicory\"",
                "engine = 1.5|engine|expected an engine id|float 1.5",
                "component = [\"a\"]|component|expected a path relative to this manifest|an array",
                "limits = 5|limits|expected a table, written [limits] above its keys|integer 5",
                "supervision = \"none\"|supervision|expected a table, written [supervision]|\"none\"",
                "handler = \"process\"|handler|expected an array of tables written [[handler]]|\"process\"",
            })
    void aValueOfTheWrongTypeNamesTheKeyTheExpectedFormAndWhatWasFound(
            String line, String key, String expected, String found) {
        StringBuilder toml = new StringBuilder(line).append('\n');
        if (!key.equals("name")) {
            toml.append("name = \"a\"\n");
        }
        if (!key.equals("component")) {
            toml.append("component = \"hello.wasm\"\n");
        }
        ManifestException e = error(toml.toString());

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.line()).isPositive();
        assertThat(e.getMessage()).contains(": " + key + ": " + expected).contains(", found " + found);
    }

    @Test
    void aSizeThatIsNotASizeNamesLimitsMemoryAndTheExpectedForm() {
        ManifestException e = error(MINIMAL + "[limits]\nmemory = \"16 potatoes\"\n");

        assertThat(e.key()).isEqualTo("limits.memory");
        assertThat(e.getMessage())
                .startsWith("hello.toml:4:1: limits.memory: expected a size in bytes such as 16777216 or \"16MiB\", "
                        + "found \"16 potatoes\"");
    }

    @ParameterizedTest
    @CsvSource({
        "65536, 65536",
        "'\"64KiB\"', 65536",
        "'\"4GiB\"', 4294967296",
        "4294967296, 4294967296",
        "'\"1MB\"', 1000000",
    })
    void memoryIsAnIntegerOrASizeString(String value, long bytes) {
        assertThat(parse(MINIMAL + "[limits]\nmemory = " + value + "\n")
                        .limits()
                        .memory())
                .isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({
        "'\"8GiB\"', 'expected a memory limit between 64KiB (one wasm page) and 4GiB (the wasm32 address space), found \"8GiB\"'",
        "65535, 'expected a memory limit between 64KiB (one wasm page) and 4GiB (the wasm32 address space), found integer 65535'",
        "0, found integer 0",
        "-1, 'expected a size in bytes such as 16777216 or \"16MiB\", found integer -1; a size cannot be negative'",
        "1.5, 'expected a size in bytes such as 16777216 or \"16MiB\", found float 1.5'",
        "'\"16mib\"', did you mean \"16MiB\"?",
    })
    void memoryOutsideOnePageToFourGibibytesIsRefused(String value, String problem) {
        ManifestException e = error(MINIMAL + "[limits]\nmemory = " + value + "\n");

        assertThat(e.key()).isEqualTo("limits.memory");
        assertThat(e.getMessage()).contains(problem);
    }

    @Test
    void limitsMayBeWrittenAsAnInlineTableOrDottedKeys() {
        assertThat(parse(MINIMAL + "limits = { mailbox = 7 }\n").limits().mailbox())
                .isEqualTo(7);
        assertThat(parse(MINIMAL + "limits.mailbox = 9\n").limits().mailbox()).isEqualTo(9);
    }

    @ParameterizedTest
    @CsvSource({"'\"500ms\"', PT0.5S", "1500, PT1.5S", "'\"1h\"', PT1H"})
    void callTimeoutIsADurationStringOrMilliseconds(String value, Duration expected) {
        assertThat(parse(MINIMAL + "[limits]\ncall_timeout = " + value + "\n")
                        .limits()
                        .callTimeout())
                .contains(expected);
    }

    @Test
    void callTimeoutNoneMeansNoLimit() {
        assertThat(parse(MINIMAL + "[limits]\ncall_timeout = \"none\"\n")
                        .limits()
                        .callTimeout())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "'\"0s\"', a call timeout must be positive, found \"0s\"; write call_timeout = \"none\" for no limit",
        "0, a call timeout must be positive, found integer 0",
        "-5, found integer -5; a duration cannot be negative",
        "'\"2 days\"', unknown unit 'days'",
        "'\"forever\"', 'or an integer of milliseconds, or \"none\" for no limit, found \"forever\"'",
        "true, found boolean true",
    })
    void anInvalidCallTimeoutNamesLimitsCallTimeout(String value, String problem) {
        ManifestException e = error(MINIMAL + "[limits]\ncall_timeout = " + value + "\n");

        assertThat(e.key()).isEqualTo("limits.call_timeout");
        assertThat(e.getMessage())
                .startsWith("hello.toml:4:1: limits.call_timeout: ")
                .contains(problem);
    }

    @ParameterizedTest
    @CsvSource({"0", "-3", "2147483648", "'\"16\"'", "1.0"})
    void aMailboxMustBeAPositiveInt(String value) {
        ManifestException e = error(MINIMAL + "[limits]\nmailbox = " + value + "\n");

        assertThat(e.key()).isEqualTo("limits.mailbox");
        assertThat(e.getMessage()).contains("expected a number of messages, 1 or more, such as 1024, found ");
    }

    @Test
    void theLargestMailboxIsIntegerMaxValue() {
        assertThat(parse(MINIMAL + "[limits]\nmailbox = 2147483647\n").limits().mailbox())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void anUnknownStrategyListsTheKnownOnesAndSuggestsTheClosest() {
        ManifestException e = error(MINIMAL + "[supervision]\nstrategy = \"one_for_one\"\n");

        assertThat(e.key()).isEqualTo("supervision.strategy");
        assertThat(e.getMessage())
                .isEqualTo("hello.toml:4:1: supervision.strategy: expected one of \"one-for-one\", \"one-for-all\", "
                        + "\"rest-for-one\", found \"one_for_one\"; did you mean \"one-for-one\"?");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "restart = \"always\"|supervision.restart|expected one of \"permanent\", \"transient\", \"temporary\"",
                "restart_state = \"latest\"|supervision.restart_state|expected one of \"last\", \"initial\"",
                "max_restarts = -1|supervision.max_restarts|expected a number of restarts, 0 or more, such as 3",
                "period = \"0s\"|supervision.period|a restart period must be positive",
                "period = \"5\"|supervision.period|add a unit (ms, s, m, h), e.g. \"5ms\"",
                "backoff_min = \"-1ms\"|supervision.backoff_min|a duration cannot be negative",
                "backoff_max = \"1ms\"|supervision.backoff_max|backoff_max (1ms) is less than backoff_min (10ms)",
                "backoff_min = \"10s\"|supervision.backoff_min|backoff_max (5s) is less than backoff_min (10s)",
            })
    void anInvalidSupervisionValueNamesItsDottedKey(String line, String key, String problem) {
        ManifestException e = error(MINIMAL + "[supervision]\n" + line + "\n");

        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).startsWith("hello.toml:4:1: " + key + ": ").contains(problem);
    }

    @Test
    void zeroRestartsAndZeroBackoffAreAllowed() {
        SupervisionPolicy supervision = parse(
                        MINIMAL + "[supervision]\nmax_restarts = 0\nbackoff_min = 0\nbackoff_max = \"0ms\"\n")
                .supervision();

        assertThat(supervision.maxRestarts()).isZero();
        assertThat(supervision.backoffMin()).isZero();
        assertThat(supervision.backoffMax()).isZero();
    }

    @Nested
    class Handlers {
        @Test
        void handlerKeysOtherThanTypePassThroughInFileOrder() {
            Manifest manifest = parse(MINIMAL + """
                    [[handler]]
                    type = "http-client"
                    zulu = 1
                    alpha = { b = 2, a = [1, 2.5, "x"] }
                    mike = "m"
                    [handler.nested]
                    deep = true
                    """);

            HandlerEntry entry = manifest.handler("http-client").orElseThrow();
            assertThat(entry.config()).containsOnlyKeys("zulu", "alpha", "mike", "nested");
            assertThat(List.copyOf(entry.config().keySet())).containsExactly("zulu", "alpha", "mike", "nested");
            @SuppressWarnings("unchecked")
            Map<String, Object> alpha = (Map<String, Object>) entry.config().get("alpha");
            assertThat(List.copyOf(alpha.keySet())).containsExactly("b", "a");
            assertThat(alpha.get("a")).isEqualTo(List.of(1L, 2.5, "x"));
            assertThat(entry.config().get("nested")).isEqualTo(Map.of("deep", true));
        }

        @Test
        void handlerConfigIsImmutableAllTheWayDown() {
            HandlerEntry entry = parse(MINIMAL + "[[handler]]\ntype = \"p\"\nlist = [1]\ntable = { k = 1 }\n")
                    .handlers()
                    .get(0);

            assertThatThrownBy(() -> entry.config().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ((List<?>) entry.config().get("list")).clear())
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ((Map<?, ?>) entry.config().get("table")).clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void handlersKeepTheirFileOrder() {
            Manifest manifest = parse(
                    MINIMAL + "[[handler]]\ntype = \"b\"\n[[handler]]\ntype = \"a\"\n" + "[[handler]]\ntype = \"c\"\n");

            assertThat(manifest.handlers()).extracting(HandlerEntry::type).containsExactly("b", "a", "c");
        }

        @Test
        void aDuplicateHandlerTypeNamesBothEntries() {
            ManifestException e = error(
                    MINIMAL
                            + "[[handler]]\ntype = \"process\"\n[[handler]]\ntype = \"store\"\n[[handler]]\ntype = \"process\"\n");

            assertThat(e.key()).isEqualTo("handler[2].type");
            assertThat(e.getMessage())
                    .isEqualTo("hello.toml:8:1: handler[2].type: handler type 'process' is already listed as "
                            + "handler[0] (line 4); merge the two [[handler]] tables into one");
        }

        @Test
        void aHandlerWithoutTypeIsReportedAtItsTable() {
            ManifestException e = error(MINIMAL + "[[handler]]\ntype = \"a\"\n[[handler]]\ncommand = \"ls\"\n");

            assertThat(e.key()).isEqualTo("handler[1].type");
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.getMessage())
                    .isEqualTo("hello.toml:5:1: handler[1].type: missing; every [[handler]] table needs the "
                            + "handler's id, e.g. type = \"process\"");
        }

        @ParameterizedTest
        @CsvSource({
            "'\"Process\"', '\"Process\"'",
            "'\"\"', '\"\"'",
            "42, integer 42",
            "'\"my_handler\"', '\"my_handler\"'"
        })
        void aHandlerTypeMustBeAKebabCaseId(String value, String found) {
            ManifestException e = error(MINIMAL + "[[handler]]\ntype = " + value + "\n");

            assertThat(e.key()).isEqualTo("handler[0].type");
            assertThat(e.getMessage())
                    .isEqualTo("hello.toml:4:1: handler[0].type: expected a handler id such as \"process\" or "
                            + "\"message-server\" (lowercase letters, digits and '-'), found " + found);
        }

        @Test
        void aSingleHandlerTableWithOneBracketIsRefusedWithTheFix() {
            ManifestException e = error(MINIMAL + "[handler]\ntype = \"process\"\n");

            assertThat(e.key()).isEqualTo("handler");
            assertThat(e.getMessage())
                    .isEqualTo("hello.toml:3:1: handler: expected an array of tables written [[handler]], found a "
                            + "table; write [[handler]] (two brackets) above each handler's keys");
        }

        @Test
        void handlersMayBeAnInlineArrayOfTables() {
            Manifest manifest = parse(MINIMAL + "handler = [{ type = \"a\", x = 1 }, { type = \"b\" }]\n");

            assertThat(manifest.handlers())
                    .containsExactly(new HandlerEntry("a", Map.of("x", 1L)), new HandlerEntry("b", Map.of()));
        }

        @Test
        void anInlineArrayElementThatIsNotATableIsNamedByIndex() {
            ManifestException e = error(MINIMAL + "handler = [{ type = \"a\" }, \"b\"]\n");

            assertThat(e.key()).isEqualTo("handler[1]");
            assertThat(e.getMessage())
                    .contains("handler[1]: expected a table with type = \"<handler-id>\"")
                    .endsWith("found \"b\"");
        }
    }

    @Test
    void aTomlSyntaxErrorIsReportedWithFileLineAndColumn() {
        ManifestException e = error("name = \"a\"\ncomponent = \"hello.wasm\"\nlimits = {\n");

        assertThat(e.key()).isEmpty();
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(11);
        assertThat(e.getMessage())
                .isEqualTo("hello.toml:3:11: Unexpected end of line, expected a-z, A-Z, 0-9, }, ', or \"");
    }

    @Test
    void everyTomlSyntaxErrorIsListedInLineOrder() {
        ManifestException e = error("name = \"a\"\nname = \"b\"\nx = [\n");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage().lines())
                .hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first)
                                .isEqualTo("hello.toml:2:1: name previously defined at line 1, column 1"),
                        second -> assertThat(second).startsWith("hello.toml:4:1: "));
    }

    @Test
    void aMissingManifestFileIsNamedAsGiven() {
        Path missing = dir.resolve("nope.toml");

        assertThatThrownBy(() -> ManifestParser.parse(missing))
                .isInstanceOf(ManifestException.class)
                .hasMessage(missing + ": manifest not found (resolved to " + missing.toAbsolutePath()
                        + "); check the path");
    }

    @Test
    void aDirectoryIsNotAManifest() {
        assertThatThrownBy(() -> ManifestParser.parse(dir))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void aManifestThatIsNotUtf8IsRefused() throws IOException {
        Path file =
                Files.write(dir.resolve("latin1.toml"), new byte[] {'n', 'a', 'm', 'e', '=', '"', (byte) 0xE9, '"'});

        assertThatThrownBy(() -> ManifestParser.parse(file))
                .isInstanceOf(ManifestException.class)
                .hasMessage(file + ": is not valid UTF-8; save the manifest as UTF-8, as TOML requires");
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertThat(parse("\uFEFF" + MINIMAL).name()).isEqualTo("hello");
    }

    @Test
    void aKeyThatNeedsQuotingIsQuotedInTheMessage() {
        ManifestException e = error(MINIMAL + "\"a b\" = 1\n");

        assertThat(e.key()).isEqualTo("\"a b\"");
        assertThat(e.getMessage()).startsWith("hello.toml:3:1: unknown key '\"a b\"'");
    }
}
