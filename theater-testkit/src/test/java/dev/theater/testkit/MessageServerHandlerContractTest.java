package dev.theater.testkit;

import dev.theater.runtime.handlers.MessageServerHandlerFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in {@code message-server} handler of theater-core passes the handler contract. */
class MessageServerHandlerContractTest extends HandlerContractTest {
    @Override
    protected String handlerId() {
        return MessageServerHandlerFactory.ID;
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.onClassPath(MessageServerHandlerFactory.class);
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(
                Map.of(),
                "theater:simple/message-server-host#send",
                List.of("00000000-0000-4000-8000-000000000000", new byte[] {1}),
                "00000000-0000-4000-8000-000000000000");
    }

    /** It serves actors of the runtime it is built into; a copy in a plugin's class loader refuses, saying so. */
    @Override
    protected Optional<String> pluginRefusal() {
        return Optional.of("built into TheaterRuntime");
    }
}
