package dev.theater.runtime;

class WasmtimeActorRuntimeTest extends ActorRuntimeContractTest {
    @Override
    String engine() {
        return "wasmtime";
    }
}
