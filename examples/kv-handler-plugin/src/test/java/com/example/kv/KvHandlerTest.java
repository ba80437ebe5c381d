package com.example.kv;

import static dev.theater.testkit.HandlerAssertions.assertThat;

import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an actor sees when it calls example:kv/kv, through the real runtime. */
class KvHandlerTest {
    static HandlerHarness harness;

    @BeforeAll
    static void start() {
        harness = HandlerHarness.builder("kv", HandlerArtifact.onClassPath(KvHandlerFactory.class))
                .build();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void aValuePutIsGotBackUntilItIsDeleted() {
        DriverActor actor = harness.spawnDriver(Map.of());

        assertThat(actor.call("example:kv/kv#get", "a")).returned(null);
        assertThat(actor.call("example:kv/kv#put", "a", new byte[] {1, 2})).returnedOk(null);
        assertThat(actor.call("example:kv/kv#get", "a")).returned("AQI=");
        assertThat(actor.call("example:kv/kv#delete", "a")).returned(true);
        assertThat(actor.call("example:kv/kv#delete", "a")).returned(false);
        assertThat(actor).isIntact();
    }

    @Test
    void keysAreSortedAndEachActorHasItsOwnStore() {
        DriverActor one = harness.spawnDriver(Map.of());
        DriverActor two = harness.spawnDriver(Map.of());

        one.call("example:kv/kv#put", "b", new byte[0]);
        one.call("example:kv/kv#put", "a", new byte[0]);

        assertThat(one.call("example:kv/kv#keys")).returned(List.of("a", "b"));
        assertThat(two.call("example:kv/kv#keys")).returned(List.of());
    }

    @Test
    void theLimitsOfTheManifestAreErrorsTheGuestCanHandle() {
        DriverActor actor = harness.spawnDriver(Map.of("max_entries", 1L, "max_value_size", "2B"));

        assertThat(actor.call("example:kv/kv#put", "a", new byte[3])).returnedErrContaining("max_value_size (2)");
        assertThat(actor.call("example:kv/kv#put", "a", new byte[2])).returnedOk(null);
        assertThat(actor.call("example:kv/kv#put", "b", new byte[1])).returnedErrContaining("the store is full");
    }
}
