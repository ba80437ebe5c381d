package dev.theater.runtime;

class ChicoryActorRuntimeTest extends ActorRuntimeContractTest {
    @Override
    String engine() {
        return "chicory";
    }
}
