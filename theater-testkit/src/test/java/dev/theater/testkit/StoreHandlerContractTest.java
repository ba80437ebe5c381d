package dev.theater.testkit;

import dev.theater.handler.store.StoreHandlerFactory;
import java.util.List;
import java.util.Map;

/** The store handler (theater-handler-store) passes the handler contract. */
class StoreHandlerContractTest extends HandlerContractTest {
    private static final String UNKNOWN_STORE = "0123456789abcdef0123456789abcdef";

    @Override
    protected String handlerId() {
        return StoreHandlerFactory.ID;
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.onClassPath(StoreHandlerFactory.class);
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(
                Map.of(), "theater:simple/store#list-labels", List.of(UNKNOWN_STORE), UNKNOWN_STORE);
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("stores", List.of("not-a-store-id")), "stores");
    }
}
