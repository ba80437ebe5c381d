package dev.theater.handler.supervisor;

class WasmtimeSupervisionTest extends SupervisionContractTest {
    @Override
    String engine() {
        return "wasmtime";
    }
}
