package com.example.kv;

import dev.theater.testkit.BadConfig;
import dev.theater.testkit.HandlerArtifact;
import dev.theater.testkit.HandlerContractTest;
import dev.theater.testkit.HostFailure;
import java.util.List;
import java.util.Map;

/** The contract every Theater handler passes, including calls of every function with generated arguments. */
class KvHandlerContractTest extends HandlerContractTest {
    @Override
    protected String handlerId() {
        return "kv";
    }

    @Override
    protected HandlerArtifact artifact() {
        return HandlerArtifact.onClassPath(KvHandlerFactory.class);
    }

    @Override
    protected BadConfig badConfig() {
        return new BadConfig(Map.of("max_value_size", "lots"), "max_value_size");
    }

    @Override
    protected HostFailure hostFailure() {
        return HostFailure.errResult(
                Map.of("max_value_size", 2L), "example:kv/kv#put", List.of("k", new byte[3]), "max_value_size");
    }
}
