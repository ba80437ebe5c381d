package dev.theater.plugins.it;

import static dev.theater.testkit.HandlerAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testkit.BadConfig;
import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerContractTest;
import dev.theater.testkit.HostCall;
import dev.theater.testkit.HostFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The random plugin, loaded from its JAR: the contract, the value ranges, and the seeded mode. */
class RandomPluginIT extends HandlerContractTest {
    static final String R = "theater:simple/random#";

    @Override
    protected String handlerId() {
        return "random";
    }

    @Override
    protected HandlerArtifact artifact() {
        return PluginJars.artifact("random");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(Map.of(), R + "random-range", List.of(5L, 5L), "needs min < max");
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("seed", "forty-two"), "seed");
    }

    @Test
    void itsClassesAreOnlyInThePluginJar() {
        PluginJars.assertNotOnTestClassPath("dev.theater.handler.random.RandomHandlerFactory");
    }

    private static List<Object> draw(DriverActor actor) {
        List<Object> values = new ArrayList<>();
        values.add(actor.call(R + "random-bytes", 12).ok());
        values.add(actor.call(R + "random-range", 10L, 20L).ok());
        values.add(actor.call(R + "random-float").ok());
        values.add(actor.call(R + "generate-uuid").ok());
        return values;
    }

    @Test
    void valuesAreOfTheAskedShapeAndRange() {
        DriverActor actor = harness().spawnDriver(Map.of());

        for (int i = 0; i < 20; i++) {
            assertThat(HostCall.bytes(actor.call(R + "random-bytes", 33).ok())).hasSize(33);
            assertThat((Long) actor.call(R + "random-range", 3L, 7L).ok()).isBetween(3L, 6L);
            assertThat((Double) actor.call(R + "random-float").ok())
                    .isGreaterThanOrEqualTo(0.0)
                    .isLessThan(1.0);
            UUID uuid = UUID.fromString((String) actor.call(R + "generate-uuid").ok());
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
        assertThat(actor.call(R + "random-range", 0L, -1L)).returnedOk();
    }

    @Test
    void aSeededActorDrawsTheSameValuesEveryTimeAndItsSeedIsInTheChain() {
        DriverActor first = harness().spawnDriver(Map.of("seed", 42L));
        DriverActor second = harness().spawnDriver(Map.of("seed", 42L));
        DriverActor other = harness().spawnDriver(Map.of("seed", 7L));

        List<Object> values = draw(first);

        assertThat(draw(second)).isEqualTo(values);
        assertThat(draw(other)).isNotEqualTo(values);
        String starting = new String(first.chain().get(0).data(), UTF_8);
        assertThat(starting).contains("\"handler_facts\":{\"random\":{\"seed\":42,\"algorithm\":\"splitmix64\"}}");
    }

    @Test
    void theSeededSequenceIsSplitMix64AndStableAcrossReleases() {
        DriverActor actor = harness().spawnDriver(Map.of("seed", 0L));

        // SplitMix64 from state 0: first output 0xE220A8397B1DCDAF, little-endian.
        assertThat(HostCall.bytes(actor.call(R + "random-bytes", 8).ok()))
                .containsExactly(0xAF, 0xCD, 0x1D, 0x7B, 0x39, 0xA8, 0x20, 0xE2);
    }

    @Test
    void anUnseededActorRecordsNoSeedAndTooManyBytesAreRefused() {
        DriverActor actor = harness().spawnDriver(Map.of("max_bytes", 16L));

        assertThat(actor.call(R + "random-bytes", 17)).returnedErrContaining("max_bytes = 16");
        assertThat(new String(actor.chain().get(0).data(), UTF_8)).doesNotContain("handler_facts");
    }
}
