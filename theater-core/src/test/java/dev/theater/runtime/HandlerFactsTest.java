package dev.theater.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.spi.ActorController;
import dev.theater.spi.ActorExecutor;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostLinker;
import dev.theater.spi.Shutdown;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What handlers report about themselves is recorded in the actor's first chain event. */
class HandlerFactsTest {
    @TempDir
    Path home;

    /** A handler that reports the facts it is given and provides nothing. */
    record FactsFactory(Map<String, Object> facts) implements HandlerFactory {
        @Override
        public String id() {
            return "facts";
        }

        @Override
        public Handler create(HandlerConfig config, HandlerContext context) {
            return new Handler() {
                @Override
                public Set<String> imports() {
                    return Set.of();
                }

                @Override
                public Set<String> exports() {
                    return Set.of();
                }

                @Override
                public void link(HostLinker linker) {}

                @Override
                public void start(ActorExecutor executor, ActorController controller, Shutdown shutdown) {}

                @Override
                public Map<String, Object> chainFacts() {
                    return facts;
                }
            };
        }
    }

    private String startingEvent(Map<String, Object> facts) {
        try (TheaterRuntime runtime = TheaterRuntime.builder()
                .withHome(home)
                .withoutPlugins()
                .addHandler(new FactsFactory(facts))
                .build()) {
            ActorRef actor = runtime.spawn(
                    ActorRuntimeContractTest.manifest("counter", "actor")
                            .addHandler("facts", Map.of())
                            .withSaveChain(false)
                            .build(),
                    null);
            return new String(actor.controller().chain().get(0).data(), UTF_8);
        }
    }

    @Test
    void factsAHandlerReportsAreInTheStartingEventUnderItsType() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("seed", 42L);
        facts.put("algorithm", "splitmix64");
        facts.put("limits", List.of(1, true, 0.5));

        assertThat(startingEvent(facts))
                .contains("\"handlers\":[\"facts\"],\"handler_facts\":{\"facts\":{\"seed\":42,"
                        + "\"algorithm\":\"splitmix64\",\"limits\":[1,true,0.5]}}");
    }

    @Test
    void withoutFactsTheStartingEventHasNoHandlerFacts() {
        assertThat(startingEvent(Map.of())).doesNotContain("handler_facts");
    }

    @Test
    void aFactThatIsNotPlainDataFailsTheSpawnNamingTheHandler() {
        assertThatThrownBy(() -> startingEvent(Map.of("when", new Object())))
                .isInstanceOf(SpawnException.class)
                .hasMessageContaining("handler 'facts' of actor 'counter' reports the chain fact")
                .hasMessageContaining("which is not plain data");
    }
}
