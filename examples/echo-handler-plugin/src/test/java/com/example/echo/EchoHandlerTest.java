package com.example.echo;

import static dev.theater.testkit.HandlerAssertions.assertThat;

import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an actor sees when it calls example:echo/echo, through the real runtime. */
class EchoHandlerTest {
    static HandlerHarness harness;

    @BeforeAll
    static void start() {
        harness = HandlerHarness.builder("echo", HandlerArtifact.onClassPath(EchoHandlerFactory.class))
                .build();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void echoPrefixesTheMessage() {
        DriverActor actor = harness.spawnDriver(Map.of("prefix", "echo: "));

        assertThat(actor.call("example:echo/echo#echo", "hi")).hasParam("message", "hi").returned("echo: hi");
    }

    @Test
    void reverseReversesAndRefusesAnEmptyMessage() {
        DriverActor actor = harness.spawnDriver(Map.of());

        assertThat(actor.call("example:echo/echo#reverse", "abc")).returnedOk("cba");
        assertThat(actor.call("example:echo/echo#reverse", "")).returnedErrContaining("empty");
    }

    @Test
    void eachActorCountsItsOwnCalls() {
        DriverActor one = harness.spawnDriver(Map.of());
        DriverActor two = harness.spawnDriver(Map.of());

        one.call("example:echo/echo#echo", "a");
        one.call("example:echo/echo#echo", "b");

        assertThat(one.call("example:echo/echo#count")).returned(3L);
        assertThat(two.call("example:echo/echo#count")).returned(1L);
        assertThat(one).hasHostCallCount("example:echo/echo#echo", 2).isIntact();
    }
}
