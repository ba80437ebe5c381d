package dev.theater.testkit;

import java.util.List;
import java.util.Map;

/** A handler that brings its own WIT passes the contract, with a host failure reported as an err result. */
class EchoHandlerContractTest extends HandlerContractTest {
    @Override
    protected String handlerId() {
        return "kit-echo";
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.onClassPath(EchoHandlerFactory.class);
    }

    @Override
    protected Map<String, Object> validConfig() {
        return Map.of("greeting", "hi");
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("greting", "typo"), "greting");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(Map.of(), "test:kit/types#refuse", List.of("no"), "refused: no");
    }
}
