package dev.theater.handler.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.handler.process.Driver.Event;
import dev.theater.handler.process.Spawn.Mode;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.SpawnException;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorStatus;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The process handler as an actor sees it: a real runtime, the handler registered before any actor exists, and the
 * test actor {@code guests/process-driver.wasm} spawning real programs (executed directly, never through a shell;
 * the tests run {@code sh} only where they need a script).
 */
class ProcessHandlerTest {
    @TempDir
    Path home;

    @TempDir
    Path work;

    TheaterRuntime runtime;

    @BeforeEach
    void buildRuntime() {
        assertThat(liveDescendants())
                .as("processes left over by an earlier test")
                .isEmpty();
        runtime = TheaterRuntime.builder()
                .withHome(home)
                .withStopTimeout(Duration.ofSeconds(5))
                .addHandler(new ProcessHandlerFactory())
                .build();
    }

    @AfterEach
    void closeRuntimeAndKillLeftovers() {
        try {
            runtime.close();
        } finally {
            // Even when a test failed, it leaves no process behind.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    static Path driverWasm() {
        try {
            return Path.of(ProcessHandlerTest.class
                    .getResource("/guests/process-driver.wasm")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A handler table granting {@code programs}, plus the given key/value pairs. */
    static Map<String, Object> grant(List<String> programs, Object... keyValues) {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("allowed_programs", programs);
        for (int i = 0; i < keyValues.length; i += 2) {
            table.put((String) keyValues[i], keyValues[i + 1]);
        }
        return table;
    }

    static Manifest manifest(Map<String, Object> table) {
        return Manifest.builder("driver", new ComponentSource.File(driverWasm()))
                .addHandler("process", table)
                .build();
    }

    Driver driver(Map<String, Object> table) {
        ActorRef actor = runtime.spawn(manifest(table), null);
        return new Driver(runtime, actor);
    }

    Driver driver(String... programs) {
        return driver(grant(List.of(programs)));
    }

    static List<ProcessHandle> liveDescendants() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    static Event exit(List<Event> events) {
        return events.getLast();
    }

    // ---- output and its order ----

    @Test
    void everyOutputMessageArrivesInStreamOrderAndTheExitAfterAllOfThem() throws Exception {
        Driver d = driver("sh");
        long pid = d.spawn(
                Spawn.sh("i=1; while [ $i -le 200 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done;" + " exit 3")
                        .stdout(Mode.LINES)
                        .stderr(Mode.LINES));

        List<Event> events = d.awaitExit(pid);

        assertThat(d.messages(pid, 'o'))
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 200).mapToObj(i -> "out" + i).toList());
        assertThat(d.messages(pid, 'e'))
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 200).mapToObj(i -> "err" + i).toList());
        assertThat(events).hasSize(401);
        assertThat(exit(events).kind()).isEqualTo('x');
        assertThat(exit(events).exitCode()).isEqualTo(3);
    }

    @Test
    void rawModeDeliversEveryByteInMessagesOfAtMostBufferSize() throws Exception {
        Driver d = driver("head");
        long pid = d.spawn(
                Spawn.of("head", "-c", "100000", "/dev/zero").bufferSize(1000).stdout(Mode.RAW));

        d.awaitExit(pid);

        assertThat(d.bytes(pid, 'o')).hasSize(100_000).containsOnly(0);
        assertThat(d.events(pid).stream().filter(e -> e.kind() == 'o'))
                .allSatisfy(e -> assertThat(e.bytes().length).isBetween(1, 1000));
    }

    @Test
    void lineByLineModeDeliversOneMessagePerLineWithoutItsLineEnd() throws Exception {
        Driver d = driver("printf");
        long pid = d.spawn(Spawn.of("printf", "one\\ntwo\\r\\n\\nlast").stdout(Mode.LINES));

        d.awaitExit(pid);

        assertThat(d.messages(pid, 'o')).containsExactly("one", "two", "", "last");
    }

    @Test
    void jsonModeDeliversOneMessagePerLineAndSkipsBlankLines() throws Exception {
        Driver d = driver("printf");
        long pid = d.spawn(
                Spawn.of("printf", "{\"a\": 1}\\n\\n   \\n[2]\\n\"three\"").stdout(Mode.JSON));

        d.awaitExit(pid);

        assertThat(d.messages(pid, 'o')).containsExactly("{\"a\": 1}", "[2]", "\"three\"");
    }

    @Test
    void chunkedModeDeliversChunksOfChunkSizeAndTheRemainderLast() throws Exception {
        Driver d = driver("head");
        long pid = d.spawn(Spawn.of("head", "-c", "10000", "/dev/zero")
                .bufferSize(512)
                .stdout(Mode.CHUNKED)
                .chunkSize(3000));

        d.awaitExit(pid);

        assertThat(d.events(pid).stream().filter(e -> e.kind() == 'o').map(e -> e.bytes().length))
                .containsExactly(3000, 3000, 3000, 1000);
    }

    @Test
    void chunkedModeWithoutChunkSizeIsRefused() throws Exception {
        Driver d = driver("head");

        assertThat(d.trySpawn(Spawn.of("head", "-c", "1", "/dev/zero").stdout(Mode.CHUNKED)))
                .startsWith("err ")
                .contains("chunk-size");
    }

    @Test
    void argumentsReachTheProgramExactlyAsGivenWithoutAShell() throws Exception {
        Driver d = driver("printf");
        long pid = d.spawn(Spawn.of("printf", "[%s]", "a b", "$HOME", "*", "", "it's", "\"q\"", "x;y|z"));

        d.awaitExit(pid);

        assertThat(new String(d.bytes(pid, 'o'), UTF_8)).isEqualTo("[a b][$HOME][*][][it's][\"q\"][x;y|z]");
    }

    @Test
    void theProcessRunsInItsWorkingDirectoryWithOnlyTheGrantedEnvironment() throws Exception {
        Path sub = Files.createDirectories(work.resolve("sub"));
        Driver d = driver(grant(
                List.of("sh", "env"),
                "allowed_dirs",
                List.of(work.toString()),
                "env_allowlist",
                List.of("GREETING", "APP_*")));

        long pwd = d.spawn(Spawn.sh("pwd").cwd(sub.toString()).stdout(Mode.LINES));
        long env = d.spawn(Spawn.of("env")
                .env("GREETING", "hello there")
                .env("APP_MODE", "test")
                .stdout(Mode.LINES));
        d.awaitExit(pwd);
        d.awaitExit(env);

        assertThat(d.messages(pwd, 'o')).containsExactly(sub.toRealPath().toString());
        List<String> variables = d.messages(env, 'o');
        assertThat(variables).contains("GREETING=hello there", "APP_MODE=test");
        assertThat(variables).extracting(v -> v.substring(0, v.indexOf('='))).allSatisfy(name -> assertThat(name)
                .isIn(new ArrayList<>(List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "GREETING", "APP_MODE"))));
    }

    @Test
    void aProcessWithoutCwdRunsInTheFirstAllowedDirectory() throws Exception {
        Driver d = driver(grant(List.of("sh"), "allowed_dirs", List.of(work.toString())));
        long pid = d.spawn(Spawn.sh("pwd").stdout(Mode.LINES));

        d.awaitExit(pid);

        assertThat(d.messages(pid, 'o')).containsExactly(work.toRealPath().toString());
    }

    // ---- stdin, status, signals, kill ----

    @Test
    void stdinRoundTripsThroughCatAndAnEmptyWriteClosesIt() throws Exception {
        Driver d = driver("cat");
        long pid = d.spawn(Spawn.of("cat"));

        assertThat(d.write(pid, "hello ")).isEqualTo("ok 6");
        assertThat(d.write(pid, "world\n")).isEqualTo("ok 6");
        assertThat(d.write(pid, new byte[0])).isEqualTo("ok 0");
        List<Event> events = d.awaitExit(pid);

        assertThat(new String(d.bytes(pid, 'o'), UTF_8)).isEqualTo("hello world\n");
        assertThat(exit(events).exitCode()).isZero();
        assertThat(d.write(pid, "more")).startsWith("err ").contains("process " + pid, "closed");
    }

    @Test
    void largeStdinWritesNeverBlockTheActorWhileThePipeIsFull() throws Exception {
        Driver d = driver("cat");
        long pid = d.spawn(Spawn.of("cat").bufferSize(65536));
        byte[] block = new byte[256 * 1024];
        Arrays.fill(block, (byte) 'x');

        // cat echoes while the actor is still busy writing: the pipes fill up, and only an asynchronous stdin
        // lets the actor finish its request and take the output.
        for (int i = 0; i < 3; i++) {
            assertThat(d.write(pid, block)).isEqualTo("ok " + block.length);
        }
        assertThat(d.write(pid, new byte[0])).isEqualTo("ok 0");
        d.awaitExit(pid);

        assertThat(d.bytes(pid, 'o')).hasSize(3 * block.length);
    }

    @Test
    void atMostOneMebibyteOfStdinMayWait() throws Exception {
        Driver d = driver("sleep");
        long pid = d.spawn(Spawn.of("sleep", "30")); // never reads its stdin
        byte[] half = new byte[512 * 1024];

        assertThat(d.write(pid, half)).isEqualTo("ok " + half.length);
        assertThat(d.write(pid, half)).isEqualTo("ok " + half.length);
        assertThat(d.write(pid, half)).startsWith("err ").contains("bytes waiting");
        assertThat(d.kill(pid)).isEqualTo("ok");
        d.awaitExit(pid);
    }

    @Test
    void theStatusOfTheLast256FinishedProcessesIsKept() throws Exception {
        Driver d = driver("true");
        for (int i = 1; i <= 257; i++) {
            assertThat(d.spawn(Spawn.of("true"))).isEqualTo(i);
            d.awaitExit(i);
        }

        assertThat(d.status(1)).startsWith("err ").contains("no process 1", "last 256");
        assertThat(d.status(2)).startsWith("ok running=0 exit=0 ");
        assertThat(d.status(257)).startsWith("ok running=0 exit=0 ");
    }

    @Test
    void statusReportsARunningProcessThenItsExitCode() throws Exception {
        Driver d = driver("cat");
        long before = System.currentTimeMillis();
        long pid = d.spawn(Spawn.of("cat"));

        String running = d.status(pid);
        d.write(pid, new byte[0]);
        d.awaitExit(pid);
        String exited = d.status(pid);

        assertThat(running).startsWith("ok running=1 exit=none start=").endsWith(" pid=" + pid);
        long start = Long.parseLong(running.replaceAll(".* start=(\\d+) .*", "$1"));
        assertThat(start).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(exited).startsWith("ok running=0 exit=0 ");
        assertThat(d.status(4242)).startsWith("err ").contains("no process 4242");
    }

    @Test
    void osSignalDeliversTheRealSignal() throws Exception {
        Driver d = driver("sh");
        long pid = d.spawn(Spawn.sh("trap 'echo got USR1; exit 7' USR1; echo ready; while :; do sleep 0.05; done")
                .stdout(Mode.LINES));
        d.awaitStdout(pid, "ready");

        assertThat(d.signal(pid, 10)).isEqualTo("ok");
        List<Event> events = d.awaitExit(pid);

        assertThat(d.messages(pid, 'o')).containsExactly("ready", "got USR1");
        assertThat(exit(events).exitCode()).isEqualTo(7);
        assertThat(d.signal(pid, 10)).startsWith("err ").contains("has exited");
    }

    @Test
    void osSignalRefusesANumberThatIsNoSignal() throws Exception {
        Driver d = driver("cat");
        long pid = d.spawn(Spawn.of("cat"));

        assertThat(d.signal(pid, 0)).startsWith("err ").contains("1 to 64");
        assertThat(d.signal(pid, 65)).startsWith("err ").contains("1 to 64");
        assertThat(d.status(pid)).startsWith("ok running=1");
    }

    @Test
    void osKillEndsTheProcessAndItsDescendants() throws Exception {
        Driver d = driver("sh");
        long pid =
                d.spawn(Spawn.sh("sleep 1000 & sleep 1000 & echo ready; wait").stdout(Mode.LINES));
        d.awaitStdout(pid, "ready");
        List<ProcessHandle> tree = liveDescendants();
        assertThat(tree).as("sh and its two sleeps").hasSize(3);

        assertThat(d.kill(pid)).isEqualTo("ok");
        List<Event> events = d.awaitExit(pid);

        assertThat(exit(events).exitCode()).isEqualTo(128 + 9);
        assertThat(awaitGone(tree)).isEmpty();
    }

    // ---- limits ----

    @Test
    void executionTimeoutKillsTheProcessAndTellsTheActorWhy() throws Exception {
        Driver d = driver("sleep");
        long started = System.nanoTime();
        long pid = d.spawn(Spawn.of("sleep", "30").timeoutMillis(300));

        List<Event> events = d.awaitExit(pid);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(exit(events).exitCode()).isEqualTo(128 + 9);
        assertThat(d.messages(pid, 'e'))
                .singleElement()
                .asString()
                .startsWith("theater: process " + pid + " (sleep) killed")
                .contains("execution-timeout of 300 ms");
    }

    @Test
    void defaultTimeoutAppliesWhenTheConfigGivesNone() throws Exception {
        Driver d = driver(grant(List.of("sleep"), "default_timeout", "300ms"));
        long pid = d.spawn(Spawn.of("sleep", "30"));

        List<Event> events = d.awaitExit(pid);

        assertThat(exit(events).exitCode()).isEqualTo(128 + 9);
        assertThat(d.messages(pid, 'e')).singleElement().asString().contains("execution-timeout of 300 ms");
    }

    @Test
    void aProcessWritingWithoutEndIsCutAtMaxOutputBytes() throws Exception {
        Driver d = driver(grant(List.of("yes"), "max_output_bytes", 10_000L));
        long pid = d.spawn(Spawn.of("yes").bufferSize(4096));

        List<Event> events = d.awaitExit(pid);

        assertThat(d.bytes(pid, 'o')).hasSize(10_000);
        assertThat(new String(d.bytes(pid, 'o'), UTF_8)).matches("(y\n)*y?\n?");
        assertThat(d.messages(pid, 'e'))
                .singleElement()
                .asString()
                .startsWith("theater: process " + pid + " (yes) stopped")
                .contains("max_output_bytes = 10000");
        assertThat(exit(events).exitCode()).isEqualTo(128 + 9);
    }

    @Test
    void maxProcessesLimitsHowManyRunAtOnce() throws Exception {
        Driver d = driver(grant(List.of("cat"), "max_processes", 1L));
        long first = d.spawn(Spawn.of("cat"));

        assertThat(d.trySpawn(Spawn.of("cat"))).startsWith("err ").contains("max_processes", "is 1");

        d.write(first, new byte[0]);
        d.awaitExit(first);
        assertThat(d.trySpawn(Spawn.of("cat"))).startsWith("ok ");
    }

    // ---- permissions ----

    @Test
    void aProgramNotGrantedIsRefusedNamingAllowedPrograms() throws Exception {
        Driver d = driver("cat");

        assertThat(d.trySpawn(Spawn.of("rm", "-rf", work.toString())))
                .startsWith("err ")
                .contains("program 'rm' is not allowed", "allowed_programs", "cat (");
        assertThat(d.trySpawn(Spawn.of("./cat"))).startsWith("err ").contains("relative path");
        assertThat(d.trySpawn(Spawn.of("/bin/sh"))).startsWith("err ").contains("allowed_programs");
        assertThat(work).isDirectory();
    }

    @Test
    void aGrantedProgramMayAlsoBeNamedByItsAbsolutePath() throws Exception {
        Driver d = driver("printf");
        String absolute = ProcessPermissionsTest.onPath("printf").toString();

        long pid = d.spawn(Spawn.of(absolute, "ok"));
        d.awaitExit(pid);

        assertThat(new String(d.bytes(pid, 'o'), UTF_8)).isEqualTo("ok");
    }

    @Test
    void aProgramRequestedByAnotherNameOfAGrantedFileRunsUnderTheGrantedName() throws Exception {
        // bash started under the name rbash is restricted (no cd); the guest must not get unrestricted bash by
        // asking for the same file under its other name.
        Path bash = ProcessPermissionsTest.onPath("bash");
        Path rbash = Files.createSymbolicLink(work.resolve("rbash"), bash);
        Driver d = driver(grant(List.of(rbash.toString())));

        long pid = d.spawn(Spawn.of(bash.toString(), "-c", "cd /; pwd"));
        List<Event> events = d.awaitExit(pid);

        assertThat(new String(d.bytes(pid, 'o'), UTF_8))
                .as("the working directory after cd /")
                .isNotEqualTo("/\n");
        assertThat(new String(d.bytes(pid, 'e'), UTF_8)).contains("restricted");
        assertThat(events).isNotEmpty();
    }

    @Test
    void aWorkingDirectoryOutsideAllowedDirsIsRefused() throws Exception {
        Path allowed = Files.createDirectories(work.resolve("allowed"));
        Path other = Files.createDirectories(work.resolve("other"));
        Files.createSymbolicLink(allowed.resolve("escape"), other);
        Driver d = driver(grant(List.of("sh"), "allowed_dirs", List.of(allowed.toString())));

        assertThat(d.trySpawn(Spawn.sh("pwd").cwd(other.toString())))
                .startsWith("err ")
                .contains("working directory", "is not allowed", "allowed_dirs");
        assertThat(d.trySpawn(Spawn.sh("pwd").cwd(allowed + "/../other"))).contains("allowed_dirs");
        assertThat(d.trySpawn(Spawn.sh("pwd").cwd(allowed.resolve("escape").toString())))
                .contains("allowed_dirs");
        assertThat(d.trySpawn(Spawn.sh("pwd").cwd(allowed.toString()))).startsWith("ok ");
    }

    @Test
    void anEnvironmentVariableNotInTheAllowlistIsRefused() throws Exception {
        Driver d = driver(grant(List.of("env"), "env_allowlist", List.of("APP_*")));

        assertThat(d.trySpawn(Spawn.of("env").env("LD_PRELOAD", "/tmp/evil.so")))
                .startsWith("err ")
                .contains("environment variable 'LD_PRELOAD' is not allowed", "env_allowlist", "APP_*");
        assertThat(d.trySpawn(Spawn.of("env").env("APP_X", "1"))).startsWith("ok ");
    }

    @Test
    void badHandlerConfigurationFailsTheSpawnNamingTheKey() {
        assertThatThrownBy(() -> runtime.spawn(manifest(grant(List.of("sh"), "allowed_program", List.of("sh"))), null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("'allowed_program'")
                .hasMessageContaining("did you mean 'allowed_programs'");
        assertThatThrownBy(() -> runtime.spawn(manifest(grant(List.of("no-such-program-anywhere"))), null))
                .hasMessageContaining("allowed_programs")
                .hasMessageContaining("\"no-such-program-anywhere\"")
                .hasMessageContaining("PATH");
        assertThatThrownBy(() -> runtime.spawn(manifest(grant(List.of("sh"), "max_output_bytes", "10 potatoes")), null))
                .hasMessageContaining("max_output_bytes")
                .hasMessageContaining("\"10 potatoes\"");
        assertThatThrownBy(() -> runtime.spawn(
                        manifest(grant(
                                List.of("sh"),
                                "allowed_dirs",
                                List.of(work.resolve("missing").toString()))),
                        null))
                .hasMessageContaining("allowed_dirs")
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> runtime.spawn(manifest(grant(List.of("sh"), "max_processes", 0L)), null))
                .hasMessageContaining("max_processes");
    }

    @Test
    void anActorWithoutTheProcessHandlerCannotImportIt() {
        Manifest ungranted = Manifest.builder("driver", new ComponentSource.File(driverWasm()))
                .build();

        assertThatThrownBy(() -> runtime.spawn(ungranted, null))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("theater:simple/process#os-spawn")
                .hasMessageContaining("[[handler]] type = \"process\"");
    }

    // ---- no process outlives its actor ----

    enum Stop {
        GRACEFUL,
        FORCED,
        RUNTIME_CLOSE
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void noProcessOutlivesItsActorEvenWhenItIgnoresSigterm(Stop stop) throws Exception {
        Driver d = driver(grant(List.of("sh"), "kill_grace", "200ms"));
        long pid = d.spawn(Spawn.sh("trap '' TERM; sleep 1000 & sleep 1000 & echo ready; wait")
                .stdout(Mode.LINES));
        d.awaitStdout(pid, "ready");
        List<ProcessHandle> tree = liveDescendants();
        assertThat(tree).as("sh and its two sleeps").hasSize(3);

        switch (stop) {
            case GRACEFUL ->
                d.actor().controller().shutdown(Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
            case FORCED -> d.actor().controller().forceStop().get(30, TimeUnit.SECONDS);
            case RUNTIME_CLOSE -> runtime.close();
        }

        assertThat(d.actor().controller().status()).isInstanceOf(ActorStatus.Stopped.class);
        assertThat(tree)
                .as("processes still alive right after the actor stopped")
                .noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void noProcessOutlivesAnActorThatCrashed() {
        // init spawns the process, then fails on purpose: the actor fails before the test can see the process, so
        // the check looks at every process of the system for the marker in its arguments.
        String crash = String.join("\0", "crash", "p=sh", "a=-c", "a=trap '' TERM; sleep 987654 & exec sleep 987655");

        assertThatThrownBy(() ->
                        runtime.spawn(manifest(grant(List.of("sh"), "kill_grace", "200ms")), crash.getBytes(UTF_8)))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("crash after spawn: ok 1");
        assertThat(liveDescendants()).isEmpty();
        assertThat(ProcessHandle.allProcesses()
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().commandLine().orElse("").contains("98765")))
                .isEmpty();
    }

    /** Waits (up to 10 s) for the processes to end; returns those still alive. */
    static List<ProcessHandle> awaitGone(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                break;
            }
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }
}
