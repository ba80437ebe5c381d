package dev.theater.benchmarks;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline of the send benchmark: Apache Pekko typed {@code tell} from one actor to another in the same JVM, with
 * Pekko's default configuration. Each invocation asks the sender to tell the receiver {@value #MESSAGES} one-byte
 * messages and waits until the receiver has handled the last one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PekkoTellBenchmark {
    /** Messages per invocation. */
    public static final int MESSAGES = 10_000;

    private ActorSystem<Burst> system;

    @Setup(Level.Trial)
    public void startSystem() {
        system = ActorSystem.create(
                Behaviors.setup(ctx -> new Sender(ctx, ctx.spawn(Behaviors.setup(Receiver::new), "receiver"))),
                "pekko-tell-benchmark");
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void tellBetweenTwoActors() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        system.tell(new Burst(MESSAGES, done));
        done.join();
    }

    @TearDown(Level.Trial)
    public void stopSystem() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    /** To the sender: tell the receiver {@code count} messages, then complete {@code done} when it has them all. */
    public record Burst(int count, CompletableFuture<Void> done) {
        public Burst {
            requireNonNull(done, "done is null");
        }
    }

    /** What the receiver handles. */
    public sealed interface Incoming {}

    /** Count the next {@code count} payloads, then complete {@code done}. */
    public record Expect(int count, CompletableFuture<Void> done) implements Incoming {
        public Expect {
            requireNonNull(done, "done is null");
        }
    }

    /** One message; the same one-byte body the Theater actors send. */
    public record Payload(byte[] body) implements Incoming {
        public Payload {
            requireNonNull(body, "body is null");
        }
    }

    private static final class Sender extends AbstractBehavior<Burst> {
        private static final Payload PAYLOAD = new Payload(new byte[] {'p'});
        private final ActorRef<Incoming> receiver;

        Sender(ActorContext<Burst> context, ActorRef<Incoming> receiver) {
            super(context);
            this.receiver = receiver;
        }

        @Override
        public Receive<Burst> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Burst.class, burst -> {
                        receiver.tell(new Expect(burst.count(), burst.done()));
                        for (int i = 0; i < burst.count(); i++) {
                            receiver.tell(PAYLOAD);
                        }
                        return this;
                    })
                    .build();
        }
    }

    private static final class Receiver extends AbstractBehavior<Incoming> {
        private int remaining;
        private CompletableFuture<Void> done;

        Receiver(ActorContext<Incoming> context) {
            super(context);
        }

        @Override
        public Receive<Incoming> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Expect.class, expect -> {
                        remaining = expect.count();
                        done = expect.done();
                        return this;
                    })
                    .onMessage(Payload.class, payload -> {
                        if (--remaining == 0) {
                            done.complete(null);
                        }
                        return this;
                    })
                    .build();
        }
    }
}
