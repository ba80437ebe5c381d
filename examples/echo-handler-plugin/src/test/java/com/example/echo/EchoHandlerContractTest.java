package com.example.echo;

import dev.theater.testkit.BadConfig;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerContractTest;
import dev.theater.testkit.HostFailure;
import java.util.List;
import java.util.Map;

/** The contract every Theater handler passes; the testkit also loads this plugin through the plugin loader. */
class EchoHandlerContractTest extends HandlerContractTest {
    @Override
    protected String handlerId() {
        return "echo";
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.onClassPath(EchoHandlerFactory.class);
    }

    @Override
    protected Map<String, Object> validConfig() {
        return Map.of("prefix", "> ");
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("prefx", "typo"), "prefx");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(Map.of(), "example:echo/echo#reverse", List.of(""), "the message is empty");
    }
}
