package dev.theater.runtime;

class ChicoryMessagingTest extends MessagingContractTest {
    @Override
    String engine() {
        return "chicory";
    }
}
