package dev.theater.testkit;

import dev.theater.runtime.handlers.RuntimeHandlerFactory;

/** The built-in {@code runtime} handler of theater-core passes the handler contract. */
class RuntimeHandlerContractTest extends HandlerContractTest {
    @Override
    protected String handlerId() {
        return "runtime";
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.onClassPath(RuntimeHandlerFactory.class);
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.none("log, self and get-chain always answer once the actor has started, and shutdown always"
                + " returns ok; the one failure, a call from a wasm start function, cannot be made by a started actor");
    }
}
