package dev.theater.testkit;

import static dev.theater.testkit.HandlerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.runtime.HandlerInfo;
import dev.theater.runtime.SpawnException;
import dev.theater.runtime.handlers.RuntimeHandlerFactory;
import dev.theater.spi.ActorStatus;
import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitVariant;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The harness loads a handler like production and its generated guest passes every kind of WIT value through the
 * real canonical ABI: what the chain records is what the test passed.
 */
class HandlerHarnessTest {
    static final String TYPES = "test:kit/types#";

    static HandlerHarness harness;
    static DriverActor actor;

    @BeforeAll
    static void start() {
        harness = HandlerHarness.builder("kit-echo", HandlerArtifact.onClassPath(EchoHandlerFactory.class))
                .build();
        actor = harness.spawnDriver(Map.of("greeting", "hello "));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static WitRecord point(int x, int y, String label) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("x", x);
        fields.put("y", y);
        fields.put("label", label);
        return new WitRecord(fields);
    }

    @Test
    void theHandlerIsRegisteredFromTheClassPathNextToTheRuntimeHandler() {
        assertThat(harness.runtime().handlers()).extracting(HandlerInfo::id).contains("kit-echo", "runtime");
        assertThat(harness.handler().provides()).containsExactly("test:kit/types");
        assertThat(actor.imports()).contains(TYPES + "echo-point", TYPES + "describe", TYPES + "explode");
    }

    @Test
    void aRecordWithAStringGoesInAndComesBack() {
        HostCall call = actor.call(TYPES + "echo-point", point(3, -4, "home"));

        assertThat(call)
                .hasParam("p", Map.of("x", 3L, "y", -4L, "label", "home"))
                .returned(Map.of("x", 3L, "y", -4L, "label", "home"));
    }

    @Test
    void variantsOfEveryPayloadGoInAndComeBack() {
        assertThat(actor.call(TYPES + "echo-shape", new WitVariant("circle", 2.5)))
                .returned(Map.of("circle", 2.5));
        assertThat(actor.call(TYPES + "echo-shape", new WitVariant("rect", point(1, 2, "r"))))
                .returned(Map.of("rect", Map.of("x", 1L, "y", 2L, "label", "r")));
        assertThat(actor.call(TYPES + "echo-shape", new WitVariant("named", "blob")))
                .returned(Map.of("named", "blob"));
        assertThat(actor.call(TYPES + "echo-shape", WitVariant.of("empty")))
                .returned(Collections.singletonMap("empty", null));
    }

    @Test
    void listsOfStringsAndFloatsGoInAndComeBack() {
        assertThat(actor.call(TYPES + "echo-strings", List.of("a", "", "ünï"))).returned(List.of("a", "", "ünï"));
        assertThat(actor.call(TYPES + "echo-floats", 1.5f, -0.25)).returned(List.of(1.5, -0.25));
    }

    @Test
    void moreThanSixteenFlatParametersArePassedInMemory() {
        HostCall call = actor.call(
                TYPES + "describe",
                -1L,
                (byte) -3,
                (short) 65535,
                (int) 'λ',
                true,
                new WitEnum("blue"),
                WitFlags.of("read", "exec"),
                Optional.of("opt"),
                WitResult.err("bad"),
                new byte[] {1, 2, 3},
                Long.MIN_VALUE,
                -1,
                -7,
                (byte) 200);

        assertThat(call)
                .hasParam("a", new BigInteger("18446744073709551615"))
                .hasParam("b", -3L)
                .hasParam("c", 65535L)
                .hasParam("d", "λ")
                .hasParam("e", true)
                .hasParam("f", "blue")
                .hasParam("g", List.of("read", "exec"))
                .hasParam("h", "opt")
                .hasParam("i", Map.of("err", "bad"))
                .hasParam("j", "AQID")
                .hasParam("k", Long.MIN_VALUE)
                .hasParam("l", 4294967295L)
                .hasParam("m", -7L)
                .hasParam("n", 200L);
        assertThat((String) call.result()).startsWith("hello [");
        assertThat(HostCall.bytes(call.params().get("j"))).containsExactly(1, 2, 3);
    }

    @Test
    void aResultErrAndAThrowingHostFunctionAreTellApart() {
        assertThat(actor.call(TYPES + "refuse", "because")).returnedErrContaining("refused: because");

        HostCall exploded = actor.call(TYPES + "explode", "now");

        assertThat(exploded).threw("exploded: now");
        assertThat(exploded.guestFailure()).isPresent();
        assertThat(actor.ref().controller().status()).isInstanceOf(ActorStatus.Idle.class);
    }

    @Test
    void handlerStateLivesAsLongAsTheActor() {
        DriverActor counter = harness.spawnDriver(Map.of());

        counter.call(TYPES + "count");
        HostCall second = counter.call(TYPES + "count");

        assertThat(second).returned(2L);
        assertThat(counter)
                .hasHostCallCount(TYPES + "count", 2)
                .hasNoHostFailure()
                .isIntact();
    }

    @Test
    void aWrongArgumentIsRefusedBeforeTheGuestRuns() {
        assertThatThrownBy(() -> actor.call(TYPES + "echo-point", "not a record"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot pass [not a record] to echo-point(p: point) -> point");
        assertThatThrownBy(() -> actor.call("test:kit/types#nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the driver guest does not import test:kit/types#nope");
    }

    @Test
    void failedAssertionsSayWhatHappened() {
        HostCall call = actor.call(TYPES + "refuse", "x");

        assertThatThrownBy(() -> assertThat(call).returnedOk())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("expected test:kit/types#refuse{reason=x} to return ok(...), but it returned"
                        + " {err=refused: x}");
        assertThatThrownBy(() -> assertThat(actor).hasHostCallsInOrder(TYPES + "explode", TYPES + "echo-point"))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void aBadConfigFailsTheSpawn() {
        assertThatThrownBy(() -> harness.spawnDriver(Map.of("greting", "typo")))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("greting");
    }

    @Test
    void theConfigTheRuntimeGivesTheHandlerIsAvailableForDirectCalls() {
        var config = harness.config(Map.of("greeting", "yo"));

        assertThat(config.handlerType()).isEqualTo("kit-echo");
        assertThat(config.string("greeting")).hasValue("yo");
    }

    @Test
    void aPluginJarArtifactLoadsThroughThePluginDirectory() {
        try (HandlerHarness plugin = HandlerHarness.builder(
                        "kit-echo", HandlerArtifact.onClassPath(EchoHandlerFactory.class))
                .loadedAsPlugin()
                .build()) {
            assertThat(plugin.handler().origin()).startsWith("plugin kit-echo 0.0.0 (");
            assertThat(plugin.factory().getClass()).isNotSameAs(EchoHandlerFactory.class);
            assertThat(plugin.runtime().handlers()).extracting(HandlerInfo::id).contains(RuntimeHandlerFactory.ID);
            assertThat(plugin.spawnDriver(Map.of()).call(TYPES + "count")).returned(1L);
        }
    }
}
