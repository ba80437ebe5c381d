package dev.theater.plugins.it;

import static dev.theater.testkit.HandlerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testkit.BadConfig;
import dev.theater.testkit.DriverActor;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerContractTest;
import dev.theater.testkit.HostFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The environment plugin, loaded from its JAR: an actor sees the allowed variables and nothing else. Failsafe sets
 * {@code THEATER_IT_GREETING}, {@code THEATER_IT_COLOR} and {@code THEATER_IT_SECRET}.
 */
class EnvironmentPluginIT extends HandlerContractTest {
    static final String E = "theater:simple/environment#";

    @Override
    protected String handlerId() {
        return "environment";
    }

    @Override
    protected HandlerArtifact artifact() {
        return PluginJars.artifact("environment");
    }

    @Override
    protected Map<String, Object> validConfig() {
        return Map.of("allow", List.of("THEATER_IT_GREETING"));
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("allow", List.of("A=B")), "allow");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.none("get-var, exists and list-vars are total: a variable that is not allowed or not set is"
                + " none, false, or left out, never an error");
    }

    @Test
    void itsClassesAreOnlyInThePluginJar() {
        PluginJars.assertNotOnTestClassPath("dev.theater.handler.environment.EnvironmentHandlerFactory");
    }

    @Test
    void anActorSeesTheAllowedVariablesAndNothingElse() {
        DriverActor actor = harness().spawnDriver(Map.of("allow", List.of("THEATER_IT_GREETING", "THEATER_IT_C*")));

        assertThat(actor.call(E + "get-var", "THEATER_IT_GREETING")).returned("hello from the host");
        assertThat(actor.call(E + "get-var", "THEATER_IT_COLOR")).returned("teal");
        assertThat(actor.call(E + "get-var", "THEATER_IT_SECRET")).returned(null);
        assertThat(actor.call(E + "exists", "THEATER_IT_SECRET")).returned(false);
        assertThat(actor.call(E + "exists", "THEATER_IT_GREETING")).returned(true);
        assertThat(actor.call(E + "get-var", "PATH")).returned(null);
        assertThat(actor.call(E + "list-vars"))
                .returned(List.of(
                        List.of("THEATER_IT_COLOR", "teal"), List.of("THEATER_IT_GREETING", "hello from the host")));
    }

    @Test
    void anAllowedVariableThatIsNotSetLooksLikeADisallowedOne() {
        DriverActor actor = harness().spawnDriver(Map.of("allow", List.of("THEATER_IT_UNSET")));

        assertThat(actor.call(E + "get-var", "THEATER_IT_UNSET")).returned(null);
        assertThat(actor.call(E + "exists", "THEATER_IT_UNSET")).returned(false);
        assertThat(actor.call(E + "list-vars").result()).isEqualTo(List.of());
    }

    @Test
    void withoutAnAllowListAnActorSeesNoVariable() {
        DriverActor actor = harness().spawnDriver(Map.of());

        assertThat(actor.call(E + "list-vars")).returned(List.of());
        assertThat(actor.call(E + "get-var", "HOME")).returned(null);
    }
}
