package dev.theater.handler.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.runtime.HandlerInfo;
import dev.theater.runtime.TheaterRuntime;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    @TempDir
    Path home;

    @Test
    void theRuntimeDiscoversTheHandlerAsSupervisorProvidingTheSupervisorInterface() {
        try (TheaterRuntime runtime = TheaterRuntime.builder()
                .withHome(home)
                .discoverHandlers(getClass().getClassLoader())
                .build()) {
            assertThat(runtime.handlers())
                    .filteredOn(h -> h.id().equals("supervisor"))
                    .singleElement()
                    .extracting(HandlerInfo::provides)
                    .isEqualTo(Set.of("theater:simple/supervisor"));
        }
    }
}
