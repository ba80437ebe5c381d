package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.theater.abi.HostImports;
import dev.theater.chain.ChainEventTypes;
import dev.theater.engine.HostImport;
import dev.theater.spi.HostFunction;
import dev.theater.spi.HostLinker;
import dev.theater.spi.WitRecord;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitLibrary;
import dev.theater.wit.WitType;
import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the host functions an actor's handlers bind, checks each against its WIT signature, and wraps it so the
 * core records every call (inputs, outputs or failure) as a {@code host-call} event in the actor's chain.
 */
public final class ActorLinker {
    /**
     * Returns the actor's own chain: recorded as the number of events and the head hash, not in full, or every call
     * would copy the whole chain into it again.
     */
    private static final String GET_CHAIN = "theater:simple/runtime#get-chain";

    private final WitLibrary wit;
    private final ActorChain chain;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();

    /** A bound host function: which handler bound it, its WIT signature and the import it becomes. */
    public record Binding(String handler, WitFunction function, HostImport hostImport) {
        public Binding {
            requireNonNull(handler, "handler is null");
            requireNonNull(function, "function is null");
            requireNonNull(hostImport, "hostImport is null");
        }
    }

    public ActorLinker(WitLibrary wit, ActorChain chain) {
        this.wit = requireNonNull(wit, "wit is null");
        this.chain = requireNonNull(chain, "chain is null");
    }

    /**
     * The {@link HostLinker} one handler binds through; bindings remember the handler for messages.
     *
     * @param provides the interfaces the handler provides: where its {@link dev.theater.spi.HostCall} methods bind
     *     when their class names none
     */
    public HostLinker forHandler(String handlerType, Set<String> provides) {
        return new FunctionLinker(handlerType, wit, provides) {
            @Override
            public void function(String interfaceName, String function, HostFunction implementation) {
                requireInterface(interfaceName);
                add(handlerType, interfaceName, function, implementation);
            }
        };
    }

    private void add(String handler, String interfaceName, String function, HostFunction implementation) {
        requireNonNull(interfaceName, "interfaceName is null");
        requireNonNull(function, "function is null");
        requireNonNull(implementation, "implementation is null");
        WitFunction witFunction;
        try {
            witFunction = wit.requireFunction(interfaceName, function);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "handler '" + handler + "' binds " + interfaceName + "#" + function + ": " + e.getMessage(), e);
        }
        String key = key(interfaceName, function);
        Binding previous = bindings.get(key);
        if (previous != null) {
            throw new IllegalArgumentException("handler '" + handler + "' binds " + key + ", which handler '"
                    + previous.handler() + "' already bound; a host function is provided by one handler only, so"
                    + " grant only one of them to this actor");
        }
        HostFunction recorded = args -> call(key, witFunction, implementation, args);
        bindings.put(key, new Binding(handler, witFunction, HostImports.bind(interfaceName, witFunction, recorded)));
    }

    /** The binding of {@code module#name}, if a handler bound it. */
    public Optional<Binding> binding(String module, String name) {
        return Optional.ofNullable(bindings.get(key(module, name)));
    }

    public List<HostImport> imports() {
        return bindings.values().stream().map(Binding::hostImport).toList();
    }

    private Object call(String key, WitFunction function, HostFunction implementation, List<Object> args) {
        Object result;
        try {
            result = implementation.call(args);
        } catch (RuntimeException e) {
            record(key, function, args, null, e);
            throw new HostCallFailure(key, e);
        }
        record(key, function, args, result, null);
        return result;
    }

    private void record(String key, WitFunction function, List<Object> args, Object result, RuntimeException error) {
        int hash = key.indexOf('#');
        String data = WitJson.json(json -> {
            json.writeStartObject();
            json.writeFieldName("interface");
            WitJson.string(json, key.substring(0, hash));
            json.writeFieldName("function");
            WitJson.string(json, key.substring(hash + 1));
            json.writeFieldName("params");
            json.writeStartObject();
            List<WitType.Field> params = function.params();
            for (int i = 0; i < params.size(); i++) {
                json.writeFieldName(params.get(i).name());
                json.writeRawValue(WitJson.bounded(params.get(i).type(), i < args.size() ? args.get(i) : null));
            }
            json.writeEndObject();
            if (error == null) {
                json.writeFieldName("result");
                if (key.equals(GET_CHAIN)
                        && result instanceof WitRecord chain
                        && chain.get("events") instanceof List<?> events) {
                    chainSummary(json, events);
                } else if (function.result().isPresent()) {
                    json.writeRawValue(WitJson.bounded(function.result().get(), result));
                } else {
                    json.writeNull();
                }
            } else {
                json.writeFieldName("error");
                json.writeRawValue(WitJson.bounded(
                        WitJson.string(error.getMessage() == null ? error.toString() : error.getMessage())));
            }
            json.writeEndObject();
        });
        chain.append(ChainEventTypes.HOST_CALL, data, key);
    }

    private static void chainSummary(JsonGenerator json, List<?> events) throws IOException {
        json.writeStartObject();
        json.writeNumberField("events", events.size());
        json.writeFieldName("head_hash");
        if (!events.isEmpty()
                && events.get(events.size() - 1) instanceof WitRecord last
                && last.get("hash") instanceof byte[] hash) {
            json.writeString(HexFormat.of().formatHex(hash));
        } else {
            json.writeNull();
        }
        json.writeEndObject();
    }

    private static String key(String module, String name) {
        return module + "#" + name;
    }
}
