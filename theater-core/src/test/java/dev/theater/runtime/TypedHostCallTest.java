package dev.theater.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.runtime.internal.FunctionLinker;
import dev.theater.runtime.internal.TypedHostFunctions;
import dev.theater.spi.Handler;
import dev.theater.spi.HandlerConfig;
import dev.theater.spi.HandlerContext;
import dev.theater.spi.HandlerFactory;
import dev.theater.spi.HostCall;
import dev.theater.spi.HostFunction;
import dev.theater.spi.HostInterface;
import dev.theater.spi.WitEnum;
import dev.theater.spi.WitFlags;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import dev.theater.spi.WitVariant;
import dev.theater.wit.WitLibrary;
import dev.theater.wit.WitParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host functions bound as typed Java methods ({@link HostCall}): every WIT type maps to a Java type, the mapping is
 * checked against the WIT signature when the handler is linked, and a mismatch names the method, the WIT type and the
 * Java type expected.
 */
class TypedHostCallTest {
    static final String KV = "test:typed/kv";

    static final WitLibrary WIT = WitLibrary.builtin().toBuilder()
            .addPackage(WitParser.parse("""
                    package test:typed;

                    interface kv {
                        record entry { key: string, value-size: u32 }
                        enum mode { fast, safe }
                        flags perms { read, write }
                        variant outcome { stored(entry), skipped, failed(string) }

                        get: func(key: string) -> option<list<u8>>;
                        put: func(key: string, value: list<u8>) -> result<_, string>;
                        entries: func() -> list<entry>;
                        pick: func(mode: mode, perms: perms) -> tuple<u64, bool>;
                        store: func(entry: entry) -> outcome;
                        log: func(msg: string);
                        size: func(n: s8, m: u16, c: char, f: f32, d: f64) -> u64;
                    }
                    """, "kv.wit"))
            .build();

    /** Every kind of WIT type, typed. */
    static final class Kv implements Handler {
        final Map<String, byte[]> values = new LinkedHashMap<>();
        String logged;

        record Entry(String key, int valueSize) {}

        enum Mode {
            FAST,
            SAFE
        }

        enum Perms {
            READ,
            WRITE
        }

        sealed interface Outcome {}

        record Stored(Entry entry) implements Outcome {}

        record Skipped() implements Outcome {}

        record Failed(String why) implements Outcome {}

        record Picked(long count, boolean fast) {}

        @HostCall
        Optional<byte[]> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @HostCall
        WitResult<Void, String> put(String key, byte[] value) {
            if (key.isEmpty()) {
                return WitResult.err("the key is empty");
            }
            values.put(key, value);
            return WitResult.ok();
        }

        @HostCall
        List<Entry> entries() {
            return values.entrySet().stream()
                    .map(e -> new Entry(e.getKey(), e.getValue().length))
                    .toList();
        }

        @HostCall
        Picked pick(Mode mode, Set<Perms> perms) {
            return new Picked(perms.size(), mode == Mode.FAST);
        }

        @HostCall
        Outcome store(Entry entry) {
            return entry.key().isEmpty()
                    ? new Skipped()
                    : entry.valueSize() > 10 ? new Failed("too big") : new Stored(entry);
        }

        @HostCall
        void log(String msg) {
            logged = msg;
        }

        @HostCall
        long size(byte n, short m, int c, float f, double d) {
            return n + m + c + (long) f + (long) d;
        }
    }

    private static Map<String, HostFunction> link(Handler handler) {
        FunctionLinker.Collecting linker = new FunctionLinker.Collecting("kv", WIT, Set.of(KV));
        handler.link(linker);
        return linker.functions(KV);
    }

    @Test
    void typedMethodsBindToTheFunctionsOfTheOneInterfaceTheHandlerProvides() {
        Map<String, HostFunction> functions = link(new Kv());

        assertThat(functions).containsOnlyKeys("get", "put", "entries", "pick", "store", "log", "size");
    }

    @Test
    void argumentsArriveAsJavaTypesAndResultsLeaveAsWitValues() {
        Kv kv = new Kv();
        Map<String, HostFunction> f = link(kv);

        assertThat(f.get("put").call(List.of("a", new byte[] {1, 2}))).isEqualTo(WitResult.ok(null));
        assertThat(f.get("put").call(List.of("", new byte[0]))).isEqualTo(WitResult.err("the key is empty"));
        assertThat(f.get("get").call(List.of("a")))
                .isInstanceOfSatisfying(Optional.class, o -> assertThat((byte[]) o.orElseThrow())
                        .containsExactly(1, 2));
        assertThat(f.get("get").call(List.of("b"))).isEqualTo(Optional.empty());
        assertThat(f.get("entries").call(List.of()))
                .isEqualTo(List.of(new WitRecord(Map.of("key", "a", "value-size", 2))));
        assertThat(f.get("pick").call(List.of(new WitEnum("fast"), WitFlags.of("read", "write"))))
                .isEqualTo(WitTuple.of(2L, true));
        assertThat(f.get("store").call(List.of(new WitRecord(Map.of("key", "k", "value-size", 3)))))
                .isEqualTo(new WitVariant("stored", new WitRecord(Map.of("key", "k", "value-size", 3))));
        assertThat(f.get("store").call(List.of(new WitRecord(Map.of("key", "", "value-size", 3)))))
                .isEqualTo(WitVariant.of("skipped"));
        assertThat(f.get("store").call(List.of(new WitRecord(Map.of("key", "k", "value-size", 30)))))
                .isEqualTo(new WitVariant("failed", "too big"));
        assertThat(f.get("log").call(List.of("hello"))).isNull();
        assertThat(kv.logged).isEqualTo("hello");
        assertThat(f.get("size").call(List.of((byte) 1, (short) 2, (int) 'a', 1.5f, 2.5)))
                .isEqualTo(1L + 2 + 97 + 1 + 2);
    }

    /** The mistake the untyped level let through: a byte[] where option<list<u8>> is due. */
    static final class WrongReturn implements Handler {
        @HostCall
        byte[] get(String key) {
            return new byte[0];
        }
    }

    @Test
    void aReturnTypeThatDoesNotFitTheWitResultFailsTheLinkNamingMethodWitTypeAndJavaType() {
        assertThatThrownBy(() -> link(new WrongReturn()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handler 'kv'")
                .hasMessageContaining("WrongReturn.get(String) returns byte[]")
                .hasMessageContaining("test:typed/kv#get returns option<list<u8>>")
                .hasMessageContaining("Optional<byte[]>");
    }

    static final class WrongParameter implements Handler {
        @HostCall
        WitResult<Void, String> put(String key, String value) {
            return WitResult.ok();
        }
    }

    @Test
    void aParameterTypeThatDoesNotFitFailsTheLinkNamingTheParameter() {
        assertThatThrownBy(() -> link(new WrongParameter()))
                .hasMessageContaining("WrongParameter.put(String, String): parameter 2 ('value')")
                .hasMessageContaining("list<u8>")
                .hasMessageContaining("byte[], not String");
    }

    static final class WrongResultSide implements Handler {
        @HostCall
        WitResult<String, String> put(String key, byte[] value) {
            return WitResult.ok("");
        }
    }

    @Test
    void aResultWithAPayloadWhereWitHasNoneFails() {
        assertThatThrownBy(() -> link(new WrongResultSide()))
                .hasMessageContaining("returns WitResult<String, String>")
                .hasMessageContaining("result<_, string>")
                .hasMessageContaining("WitResult<Void, String>");
    }

    static final class WrongRecord implements Handler {
        record Entry(String name, int valueSize) {}

        @HostCall
        List<Entry> entries() {
            return List.of();
        }
    }

    @Test
    void aRecordWhoseComponentsAreNotTheWitFieldsFails() {
        assertThatThrownBy(() -> link(new WrongRecord()))
                .hasMessageContaining("returns List<Entry>")
                .hasMessageContaining("list<entry>")
                .hasMessageContaining("a record Entry(String key, int valueSize)");
    }

    static final class UnknownFunction implements Handler {
        @HostCall
        void delete(String key) {}
    }

    @Test
    void aMethodForAFunctionTheInterfaceLacksFailsListingItsFunctions() {
        assertThatThrownBy(() -> link(new UnknownFunction()))
                .hasMessageContaining("UnknownFunction.delete(String) is annotated @HostCall for test:typed/kv#delete")
                .hasMessageContaining("its functions are: get, put");
    }

    static final class NullReturn implements Handler {
        @HostCall
        WitResult<Void, String> put(String key, byte[] value) {
            return null;
        }
    }

    @Test
    void aNullResultFailsTheCallNamingTheMethodAndTheWitType() {
        HostFunction put = link(new NullReturn()).get("put");

        assertThatThrownBy(() -> put.call(List.of("k", new byte[0])))
                .hasMessageContaining("NullReturn.put(String, byte[]) " + TypedHostFunctions.RESULT_MISMATCH)
                .hasMessageContaining("result<_, string>");
    }

    @HostInterface("theater:simple/runtime")
    static final class Named implements Handler {
        @HostCall
        void log(String msg) {}
    }

    @Test
    void hostInterfaceNamesTheInterfaceWhenTheHandlerProvidesSeveral() {
        FunctionLinker.Collecting linker =
                new FunctionLinker.Collecting("two", WIT, Set.of(KV, "theater:simple/runtime"));

        new Named().link(linker);

        assertThat(linker.functions()).containsOnlyKeys("theater:simple/runtime#log");
        assertThatThrownBy(() -> new Kv().link(linker))
                .hasMessageContaining("names no interface, and provides 2 interfaces")
                .hasMessageContaining("@HostInterface");
    }

    @Test
    void anInterfaceNoWitDeclaresFailsWithWhatToShipAndWhere() {
        FunctionLinker.Collecting linker = new FunctionLinker.Collecting("kv", WIT, Set.of("example:kv/kv"));

        assertThatThrownBy(() -> new Kv().link(linker))
                .hasMessageContaining("no WIT the runtime knows declares that interface")
                .hasMessageContaining("put kv.wit (package example:kv; interface kv { ... })")
                .hasMessageContaining("src/main/resources/wit/example-kv/")
                .hasMessageContaining("HandlerFactory.witDirectories()");
    }

    @TempDir
    Path home;

    /** A factory whose handler binds a wrong return type. */
    record WrongFactory() implements HandlerFactory {
        @Override
        public String id() {
            return "wrong";
        }

        @Override
        public Set<String> provides() {
            return Set.of(KV);
        }

        @Override
        public Handler create(HandlerConfig config, HandlerContext context) {
            return new WrongReturn();
        }
    }

    @Test
    void theSpawnFailsWhenAHandlerDoesNotFitItsWit() {
        try (TheaterRuntime runtime = TheaterRuntime.builder()
                .withHome(home)
                .withoutPlugins()
                .withWitLibrary(WIT)
                .addHandler(new WrongFactory())
                .build()) {
            assertThatThrownBy(() -> runtime.spawn(
                            ActorRuntimeContractTest.manifest("counter", "actor")
                                    .addHandler("wrong", Map.of())
                                    .withSaveChain(false)
                                    .build(),
                            null))
                    .isInstanceOf(SpawnException.class)
                    .hasMessageContaining("handler 'wrong' could not be linked for actor")
                    .hasMessageContaining("WrongReturn.get(String) returns byte[]")
                    .hasMessageContaining("Optional<byte[]>");
        }
    }
}
