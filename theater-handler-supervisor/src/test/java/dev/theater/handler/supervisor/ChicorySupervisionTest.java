package dev.theater.handler.supervisor;

class ChicorySupervisionTest extends SupervisionContractTest {
    @Override
    String engine() {
        return "chicory";
    }
}
