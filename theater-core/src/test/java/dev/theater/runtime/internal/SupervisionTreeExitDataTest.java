package dev.theater.runtime.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.Chain;
import dev.theater.chain.ChainEventTypes;
import dev.theater.spi.ChainEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the tree tells a child's normal exit (and its data) from a stop: by the instance's runtime.shutdown call. */
class SupervisionTreeExitDataTest {
    private static final String SHUTDOWN = "theater:simple/runtime#shutdown";

    private static List<ChainEvent> chain(String... typeDescriptionData) {
        Chain chain = new Chain();
        for (int i = 0; i < typeDescriptionData.length; i += 3) {
            chain.append(
                    typeDescriptionData[i], typeDescriptionData[i + 2].getBytes(UTF_8), typeDescriptionData[i + 1]);
        }
        return chain.snapshot();
    }

    @Test
    void aSuccessfulShutdownCallIsAnExitWithItsData() {
        List<ChainEvent> events = chain(
                ChainEventTypes.LIFECYCLE,
                "starting",
                "{}",
                ChainEventTypes.HOST_CALL,
                SHUTDOWN,
                "{\"interface\":\"theater:simple/runtime\",\"function\":\"shutdown\","
                        + "\"params\":{\"data\":\"Ynll\"},\"result\":{\"ok\":null}}");

        Optional<Optional<byte[]>> exit = SupervisionTree.exitData(events);

        assertThat(exit).isPresent();
        assertThat(exit.get())
                .hasValueSatisfying(d -> assertThat(new String(d, UTF_8)).isEqualTo("bye"));
    }

    @Test
    void aShutdownWithoutDataIsAnExitWithNone() {
        List<ChainEvent> events = chain(
                ChainEventTypes.HOST_CALL,
                SHUTDOWN,
                "{\"interface\":\"theater:simple/runtime\",\"function\":\"shutdown\",\"params\":{\"data\":null},"
                        + "\"result\":{\"ok\":null}}");

        assertThat(SupervisionTree.exitData(events)).contains(Optional.empty());
    }

    @Test
    void aShutdownOfAnEarlierInstanceIsNotThisInstancesExit() {
        List<ChainEvent> events = chain(
                ChainEventTypes.HOST_CALL,
                SHUTDOWN,
                "{\"params\":{\"data\":null},\"result\":{\"ok\":null}}",
                ChainEventTypes.LIFECYCLE,
                "starting",
                "{}",
                ChainEventTypes.LIFECYCLE,
                "stopped",
                "{}");

        assertThat(SupervisionTree.exitData(events)).isEmpty();
    }

    @Test
    void aFailedShutdownCallIsNoExit() {
        List<ChainEvent> events =
                chain(ChainEventTypes.HOST_CALL, SHUTDOWN, "{\"params\":{\"data\":null},\"error\":\"no\"}");

        assertThat(SupervisionTree.exitData(events)).isEmpty();
    }
}
