package dev.theater.benchmarks;

import dev.theater.manifest.Manifest;
import dev.theater.runtime.ActorRef;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * DESIGN §10: spawn of a cached module, target median &lt; 1 ms. The module is compiled once in the trial setup (the
 * runtime's module cache keeps it); every invocation spawns an actor from a ready manifest and waits for its {@code
 * init}, and the untimed teardown stops it again. {@code chain=on} is the manifest default (the chain file is
 * created during the spawn), {@code chain=off} keeps the chain in memory only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpawnBenchmark {
    @Param({"chicory", "wasmtime"})
    public String engine;

    @Param({"on", "off"})
    public String chain;

    private BenchActors actors;
    private Manifest manifest;
    private ActorRef actor;

    @Setup(Level.Trial)
    public void compileOnce() {
        actors = BenchActors.on(engine);
        manifest = actors.manifest("spawned", chain.equals("on"));
        ActorRef first = actors.runtime().spawn(manifest, null);
        actors.runtime().terminate(first.id()).join();
    }

    @Benchmark
    public ActorRef spawnCachedModule() {
        actor = actors.runtime().spawn(manifest, null);
        return actor;
    }

    @TearDown(Level.Invocation)
    public void stop() {
        if (actor != null) {
            actors.runtime().terminate(actor.id()).join();
            actor = null;
        }
    }

    @TearDown(Level.Trial)
    public void stopRuntime() {
        actors.close();
    }
}
