package dev.theater.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.spi.HandlerConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestHandlerConfigTest {
    private static ManifestHandlerConfig config(Map<String, Object> values) {
        return new ManifestHandlerConfig("fetcher", "process", Path.of("/apps/fetcher.toml"), values);
    }

    @Test
    void typedGettersReturnPresentValuesAndEmptyForMissingKeys() {
        ManifestHandlerConfig config =
                config(Map.of("program", "ls", "max", 3L, "small", 2, "shell", true, "args", List.of("-l")));

        assertThat(config.string("program")).contains("ls");
        assertThat(config.integer("max")).contains(3L);
        assertThat(config.integer("small")).contains(2L);
        assertThat(config.bool("shell")).contains(true);
        assertThat(config.strings("args")).contains(List.of("-l"));
        assertThat(config.string("missing")).isEmpty();
        assertThat(config.actorName()).isEqualTo("fetcher");
        assertThat(config.handlerType()).isEqualTo("process");
    }

    @Test
    void aWrongTypeNamesTheManifestTheHandlerTheKeyAndTheExpectedForm() {
        ManifestHandlerConfig config = config(Map.of("max", "ten", "args", List.of("a", 1L)));

        assertThatThrownBy(() -> config.integer("max"))
                .isInstanceOf(HandlerConfigException.class)
                .hasMessage("fetcher.toml: [[handler]] type = \"process\" of actor 'fetcher': key 'max' must be an"
                        + " integer, e.g. max = 42, found a string (\"ten\")")
                .extracting(e -> ((HandlerConfigException) e).key())
                .isEqualTo("max");
        assertThatThrownBy(() -> config.strings("args"))
                .isInstanceOf(HandlerConfigException.class)
                .hasMessageContaining("key 'args' must be an array of strings");
    }

    @Test
    void requireOnlyNamesUnknownKeysWithTheClosestKnownOne() {
        ManifestHandlerConfig config = config(Map.of("progam", "ls"));

        assertThatThrownBy(() -> config.requireOnly("program", "args"))
                .isInstanceOf(HandlerConfigException.class)
                .hasMessageContaining("unknown key 'progam' (did you mean 'program'?)")
                .hasMessageContaining("handler 'process' knows: program, args");
        config(Map.of("program", "ls")).requireOnly("program", "args");
    }
}
