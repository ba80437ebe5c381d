package dev.theater.testkit;

import dev.theater.handler.process.ProcessHandlerFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.exec.CommandLine;

/** The process handler (theater-handler-process) passes the handler contract. */
class ProcessHandlerContractTest extends HandlerContractTest {
    @Override
    protected String handlerId() {
        return ProcessHandlerFactory.ID;
    }

    @Override
    protected HandlerArtifact artifact() {
        // Loaded as a plugin, it must bundle its one dependency.
        return HandlerArtifact.onClassPath(ProcessHandlerFactory.class, List.of(codeSource(CommandLine.class)));
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(Map.of(), "theater:simple/process#os-status", List.of(4242L), "4242");
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("max_processes", "many"), "max_processes");
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
