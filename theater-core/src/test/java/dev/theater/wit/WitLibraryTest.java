package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.wit.WitType.Field;
import dev.theater.wit.WitType.Primitive;
import dev.theater.wit.WitType.RecordType;
import dev.theater.wit.WitType.VariantType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WitLibraryTest {

    private static final String STATE = "option<list<u8>>";
    private static final WitLibrary BUILTIN = WitLibrary.builtin();

    private static String signature(String iface, String function) {
        return BUILTIN.requireFunction("theater:simple/" + iface, function).signature();
    }

    @Test
    void builtinLibraryHoldsEveryInterfaceOfTheTheaterSimpleContract() {
        WitPackage pkg = BUILTIN.findPackage("theater:simple").orElseThrow();

        assertThat(pkg.interfaces().keySet())
                .containsExactlyInAnyOrder(
                        "types",
                        "actor",
                        "runtime",
                        "message-server-client",
                        "message-server-host",
                        "supervisor",
                        "supervisor-handlers",
                        "store",
                        "process",
                        "process-handlers",
                        "http-types",
                        "websocket-types",
                        "http-client",
                        "http-framework",
                        "http-handlers",
                        "timing",
                        "random",
                        "environment",
                        "filesystem");
        assertThat(pkg.worlds().get("minimal").exports()).containsExactly("theater:simple/actor");
    }

    @Test
    void actorInitHasTheSignatureOfDesignSection2() {
        assertThat(signature("actor", "init"))
                .isEqualTo("func(state: " + STATE + ") -> result<tuple<" + STATE + ">, string>");
    }

    @Test
    void messageServerClientExportsHaveTheSignaturesOfDesignSection2() {
        String unitResult = "result<tuple<" + STATE + ">, string>";

        assertThat(signature("message-server-client", "handle-send"))
                .isEqualTo("func(state: " + STATE + ", params: tuple<list<u8>>) -> " + unitResult);
        assertThat(signature("message-server-client", "handle-request"))
                .isEqualTo("func(state: " + STATE + ", params: tuple<string, list<u8>>) -> result<tuple<" + STATE
                        + ", tuple<" + STATE + ">>, string>");
        assertThat(signature("message-server-client", "handle-channel-open"))
                .isEqualTo("func(state: " + STATE + ", params: tuple<string, list<u8>>) -> result<tuple<" + STATE
                        + ", tuple<channel-accept>>, string>");
        assertThat(signature("message-server-client", "handle-channel-message"))
                .isEqualTo("func(state: " + STATE + ", params: tuple<string, list<u8>>) -> " + unitResult);
        assertThat(signature("message-server-client", "handle-channel-close"))
                .isEqualTo("func(state: " + STATE + ", params: tuple<string>) -> " + unitResult);
        assertThat(BUILTIN.requireInterface("theater:simple/types").type("channel-accept"))
                .contains(new RecordType(
                        "channel-accept",
                        List.of(
                                new Field("accepted", Primitive.BOOL),
                                new Field("message", new WitType.OptionType(new WitType.ListType(Primitive.U8))))));
    }

    @Test
    void otherHandlerExportsTakeStateAndAParamsTuple() {
        assertThat(signature("supervisor-handlers", "handle-child-error"))
                .startsWith("func(state: " + STATE + ", params: tuple<string, wit-actor-error>)");
        assertThat(signature("process-handlers", "handle-exit"))
                .isEqualTo(
                        "func(state: " + STATE + ", params: tuple<u64, s32>) -> result<tuple<" + STATE + ">, string>");
        assertThat(signature("http-handlers", "handle-request"))
                .isEqualTo("func(state: " + STATE + ", params: tuple<u64, http-request>) -> result<tuple<" + STATE
                        + ", tuple<http-response>>, string>");
        for (WitFunction f : BUILTIN.requireInterface("theater:simple/http-handlers")
                .functions()
                .values()) {
            assertThat(f.params()).extracting(Field::name).containsExactly("state", "params");
        }
    }

    @Test
    void hostInterfacesHaveTheFunctionsDesignSection2Names() {
        Map<String, List<String>> expected = Map.of(
                "runtime", List.of("log", "get-chain", "shutdown", "self"),
                "message-server-host",
                        List.of(
                                "send",
                                "request",
                                "open-channel",
                                "send-on-channel",
                                "close-channel",
                                "list-outstanding-requests",
                                "respond-to-request",
                                "cancel-request"),
                "supervisor",
                        List.of(
                                "spawn",
                                "resume",
                                "list-children",
                                "stop-child",
                                "restart-child",
                                "get-child-state",
                                "get-child-events"),
                "store",
                        List.of(
                                "new",
                                "store",
                                "get",
                                "exists",
                                "label",
                                "get-by-label",
                                "remove-label",
                                "remove-from-label",
                                "store-at-label",
                                "replace-content-at-label",
                                "replace-at-label",
                                "list-labels",
                                "list-all-content",
                                "calculate-total-size"),
                "process", List.of("os-spawn", "os-write-stdin", "os-status", "os-signal", "os-kill"),
                "http-client", List.of("send-http"));

        expected.forEach((iface, functions) -> assertThat(BUILTIN.requireInterface("theater:simple/" + iface)
                        .functions()
                        .keySet())
                .as(iface)
                .containsExactlyElementsOf(functions));
    }

    @Test
    void getChainReturnsAChainOfHashLinkedEvents() {
        RecordType chain = (RecordType) BUILTIN.requireFunction("theater:simple/runtime", "get-chain")
                .result()
                .orElseThrow();

        assertThat(chain.name()).isEqualTo("chain");
        RecordType event =
                (RecordType) ((WitType.ListType) chain.fields().get(0).type()).element();
        assertThat(event.fields())
                .extracting(Field::name)
                .containsExactly("hash", "parent-hash", "event-type", "data", "timestamp", "description");
    }

    @Test
    void processConfigHasOutputModesAndLimits() {
        RecordType config = (RecordType) BUILTIN.requireInterface("theater:simple/process")
                .type("process-config")
                .orElseThrow();

        assertThat(config.fields())
                .extracting(Field::name)
                .containsExactly(
                        "program",
                        "args",
                        "cwd",
                        "env",
                        "buffer-size",
                        "stdout-mode",
                        "stderr-mode",
                        "chunk-size",
                        "execution-timeout");
        VariantType mode = (VariantType) config.fields().get(5).type();
        assertThat(mode.cases())
                .extracting(WitType.Case::name)
                .containsExactly("raw", "line-by-line", "json", "chunked");
    }

    @Test
    void versionedNamesFindTheUnversionedInterface() {
        assertThat(BUILTIN.findInterface("theater:simple/runtime@0.1.0")).isPresent();
        assertThat(BUILTIN.findInterface("theater:simple")).isEmpty();
        assertThat(BUILTIN.findInterface("theater:simple/nope")).isEmpty();
    }

    @Test
    void missingFunctionErrorNamesTheInterfaceTheFunctionAndTheKnownOnes() {
        assertThatThrownBy(() -> BUILTIN.requireFunction("theater:simple/runtime", "lg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WIT interface 'theater:simple/runtime' has no function 'lg'; its functions are: log,"
                        + " get-chain, shutdown, self");
    }

    @Test
    void missingInterfaceErrorListsTheKnownInterfaces() {
        assertThatThrownBy(() -> BUILTIN.requireFunction("theater:simple/runtim", "log"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown WIT interface 'theater:simple/runtim'")
                .hasMessageContaining("known interfaces: theater:simple/types, theater:simple/actor,");
    }

    @Test
    void handlerWitLoadsFromResourcesAndUsesTheBuiltinTypes() {
        WitLibrary library = BUILTIN.toBuilder()
                .addResources(getClass().getClassLoader(), "wit/test-handler")
                .build();

        assertThat(library.requireFunction("test:handler/pinger", "ping").signature())
                .isEqualTo("func(who: string) -> result<_, string>");
        WitWorld world =
                library.findPackage("test:handler").orElseThrow().worlds().get("pinger-actor");
        assertThat(world.imports()).containsExactly("theater:simple/runtime", "test:handler/pinger");
        assertThat(world.exports()).containsExactly("theater:simple/actor");
        assertThat(library.packages()).extracting(WitPackage::name).containsExactly("theater:simple", "test:handler");
    }

    @Test
    void aPackageCanBeAddedOnlyOnce() {
        assertThatThrownBy(() -> BUILTIN.toBuilder()
                        .addPackage(BUILTIN.findPackage("theater:simple").orElseThrow()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WIT package 'theater:simple' is added twice");
    }

    @Test
    void resourceDirectoryWithoutIndexIsAnErrorNamingTheIndex() {
        assertThatThrownBy(() -> WitLibrary.builder().addResources(getClass().getClassLoader(), "wit/nowhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no WIT index 'wit/nowhere/index.txt' on the class path");
    }

    @Test
    void worldImportOfAMissingInterfaceOfAKnownPackageIsAnError() {
        WitSource source = new WitSource("w.wit", "package test:w;\nworld w { import theater:simple/runtme; }\n");

        assertThatThrownBy(() -> WitParser.parsePackage(List.of(source), BUILTIN))
                .isInstanceOf(WitParseException.class)
                .hasMessageStartingWith("w.wit:2:18: 'import theater:simple/runtme' in world 'w' names interface"
                        + " 'runtme' of package 'theater:simple', which has no such interface");
    }

    @Test
    void useOfAMissingInterfaceOfAKnownPackageIsAnError() {
        WitSource source =
                new WitSource("u.wit", "package test:u;\ninterface i {\n    use theater:simple/typs.{actor-id};\n}\n");

        assertThatThrownBy(() -> WitParser.parsePackage(List.of(source), BUILTIN))
                .isInstanceOf(WitParseException.class)
                .hasMessageStartingWith("u.wit:3:9: package 'theater:simple' has no interface 'typs'");
    }
}
