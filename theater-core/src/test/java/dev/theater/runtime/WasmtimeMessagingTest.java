package dev.theater.runtime;

class WasmtimeMessagingTest extends MessagingContractTest {
    @Override
    String engine() {
        return "wasmtime";
    }
}
