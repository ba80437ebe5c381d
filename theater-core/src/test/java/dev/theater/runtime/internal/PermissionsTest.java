package dev.theater.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.manifest.ComponentSource;
import dev.theater.manifest.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsTest {
    private static Manifest.Builder manifest(String name) {
        return Manifest.builder(name, new ComponentSource.File(Path.of("/x/" + name + ".wasm")))
                .withOrigin("/x/" + name + ".toml");
    }

    @Test
    void childMayGrantASubsetOfItsParentsHandlers() {
        Manifest parent = manifest("boss")
                .addHandler("runtime", Map.of())
                .addHandler("process", Map.of("allow", List.of("curl", "git"), "timeout", 5L))
                .build();
        Manifest child = manifest("worker")
                .addHandler("process", Map.of("allow", List.of("git"), "timeout", 50L))
                .build();

        assertThat(Permissions.refusals(parent, child)).isEmpty();
    }

    @Test
    void aHandlerTheParentLacksIsRefused() {
        Manifest parent = manifest("boss").addHandler("runtime", Map.of()).build();
        Manifest child = manifest("worker")
                .addHandler("runtime", Map.of())
                .addHandler("process", Map.of())
                .build();

        assertThat(Permissions.refusals(parent, child)).containsExactly("handler 'process'");
        assertThat(Permissions.message(parent, child, List.of("handler 'process'")))
                .isEqualTo("actor 'boss' may not spawn 'worker' (worker.toml): a child's permissions are never wider"
                        + " than its parent's, and worker.toml asks for handler 'process', which boss.toml does not"
                        + " grant. Remove it from worker.toml, or grant it to 'boss' in boss.toml");
    }

    @Test
    void anAllowListMayNotGainElementsNorBeLeftUnsetNorAppearWhereTheParentHasNone() {
        Manifest parent = manifest("boss")
                .addHandler("process", Map.of("allow", List.of("curl"), "dirs", List.of("/tmp")))
                .build();
        Manifest child = manifest("worker")
                .addHandler("process", Map.of("allow", List.of("curl", "rm"), "hosts", List.of("x")))
                .build();

        assertThat(Permissions.refusals(parent, child))
                .containsExactlyInAnyOrder(
                        "handler 'process' key 'allow' elements [\"rm\"] (the parent allows only [\"curl\"])",
                        "handler 'process' key 'dirs' left unset (the parent limits it to [\"/tmp\"]; set it to a"
                                + " subset of that)",
                        "handler 'process' key 'hosts' = [\"x\"] (the parent does not set hosts to an array, so the"
                                + " child may not either)");
    }

    @Test
    void elementsCompareAsTheTomlValuesTheyAre() {
        Manifest parent = manifest("boss")
                .addHandler("net", Map.of("ports", List.of(80L)))
                .build();
        Manifest child = manifest("worker")
                .addHandler("net", Map.of("ports", List.of("80")))
                .build();

        assertThat(Permissions.refusals(parent, child))
                .singleElement()
                .asString()
                .contains("[\"80\"]");
    }
}
