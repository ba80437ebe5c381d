package dev.theater.testkit;

import dev.theater.handler.supervisor.SupervisorHandlerFactory;
import java.util.List;
import java.util.Map;

/** The supervisor handler (theater-handler-supervisor) passes the handler contract. */
class SupervisorHandlerContractTest extends HandlerContractTest {
    @Override
    protected String handlerId() {
        return SupervisorHandlerFactory.ID;
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.onClassPath(SupervisorHandlerFactory.class);
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(
                Map.of(), "theater:simple/supervisor#restart-child", List.of("no-such-child"), "no-such-child");
    }
}
