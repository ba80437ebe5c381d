package dev.theater.testkit;

import java.util.List;
import java.util.Map;

/** The contract's host-failure check also accepts a host function that throws, as a trap the guest sees. */
class ThrowingEchoHandlerContractTest extends EchoHandlerContractTest {
    @Override
    protected HostFailure hostFailure() {
        return HostFailure.trap(Map.of(), "test:kit/types#explode", List.of("bang"), "exploded: bang");
    }
}
