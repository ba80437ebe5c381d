package dev.theater.handler.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.theater.handler.process.Spawn.Mode;
import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Manifest;
import dev.theater.runtime.ActorRef;
import dev.theater.runtime.TheaterRuntime;
import dev.theater.spi.ActorStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No process an actor started outlives it, however it tries to get away: {@code setsid}, a double fork, or a Ctrl-C
 * that kills the program but not what it left running in the background. Each case runs in both containments: a
 * cgroup per process (where the runtime's cgroup is writable) and a session per process with the runtime as child
 * subreaper. The processes are found afterwards by a marker in their arguments, among all processes of the system.
 */
class ProcessContainmentTest {
    @TempDir
    Path home;

    TheaterRuntime runtime;

    /**
     * Redirects a background process's streams, so that the shell's exit is delivered while it still runs (the
     * handler delivers an exit once the output pipes are closed).
     */
    private static final String QUIET = " </dev/null >/dev/null 2>&1";

    /** A number no other process on the machine has in its arguments. */
    private final String marker =
            Long.toString(900_000_000L + ThreadLocalRandom.current().nextLong(99_999_999L));

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
        marked().forEach(ProcessHandle::destroyForcibly);
    }

    private Driver driver(String containment) {
        if (containment.equals("cgroup")) {
            assumeTrue(
                    Containment.forMode("auto") instanceof CgroupContainment,
                    "this runtime's cgroup (version 2) is not writable here");
        }
        runtime = TheaterRuntime.builder()
                .withHome(home)
                .withStopTimeout(Duration.ofSeconds(5))
                .addHandler(new ProcessHandlerFactory(containment))
                .build();
        Manifest manifest = Manifest.builder("driver", new ComponentSource.File(ProcessHandlerTest.driverWasm()))
                .addHandler("process", Map.of("allowed_programs", List.of("sh", "kill"), "kill_grace", "200ms"))
                .build();
        ActorRef actor = runtime.spawn(manifest, null);
        return new Driver(runtime, actor);
    }

    /** Live processes (zombies excluded) with the marker in their command line. */
    private List<ProcessHandle> marked() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(p -> ProcStat.of(p.pid()).filter(s -> !s.isZombie()).isPresent())
                .toList();
    }

    /** Runs {@code script} (which must print "ready" once its processes are in place) and waits for it. */
    private long start(Driver d, String script) throws Exception {
        long pid = d.spawn(Spawn.sh(script).stdout(Mode.LINES));
        d.awaitStdout(pid, "ready");
        return pid;
    }

    private void assertNoneOutlivesTheActor(Driver d) throws Exception {
        d.actor().controller().shutdown(Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
        assertThat(d.actor().controller().status()).isInstanceOf(ActorStatus.Stopped.class);
        assertThat(marked())
                .as("processes with marker %s after the actor stopped", marker)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgroup", "session"})
    void aDescendantInANewSessionDoesNotOutliveTheActor(String containment) throws Exception {
        Driver d = driver(containment);
        long pid = start(d, "setsid sleep " + marker + QUIET + " & sleep 0.2; echo ready");
        d.awaitExit(pid);
        assertThat(marked())
                .as("the detached sleep runs on after its parent exited")
                .hasSize(1);

        assertNoneOutlivesTheActor(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgroup", "session"})
    void aDoubleForkedDescendantDoesNotOutliveTheActor(String containment) throws Exception {
        Driver d = driver(containment);
        long pid = start(
                d, "(sleep " + marker + QUIET + " &); (setsid sleep " + marker + QUIET + " &); sleep 0.2; echo ready");
        d.awaitExit(pid);
        assertThat(marked()).hasSize(2);

        assertNoneOutlivesTheActor(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgroup", "session"})
    void backgroundChildrenOfAProgramKilledByCtrlCDoNotOutliveTheActor(String containment) throws Exception {
        Driver d = driver(containment);
        // A terminal's Ctrl-C kills the shell; the background children of a non-interactive shell ignore it.
        long pid = start(d, "sleep " + marker + QUIET + " & sleep " + marker + QUIET + " & echo ready; wait");
        long shell = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith("sh"))
                .filter(p -> p.children()
                        .anyMatch(c -> c.info().commandLine().orElse("").contains(marker)))
                .findFirst()
                .orElseThrow()
                .pid();
        assertThat(d.spawn(Spawn.of("kill", "-INT", Long.toString(shell)))).isPositive();
        d.awaitExit(pid);
        assertThat(marked()).hasSize(2);

        assertNoneOutlivesTheActor(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgroup", "session"})
    void osKillEndsADescendantThatLeftTheSession(String containment) throws Exception {
        Driver d = driver(containment);
        long pid = start(d, "setsid sleep " + marker + QUIET + " & echo ready; wait");

        assertThat(d.kill(pid)).isEqualTo("ok");
        d.awaitExit(pid);

        assertThat(marked()).isEmpty();
    }
}
