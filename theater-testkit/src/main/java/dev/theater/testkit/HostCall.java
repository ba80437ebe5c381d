package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.ChainEvent;
import dev.theater.testkit.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * One call of a host function, as the actor's chain recorded it ({@code host-call} event). Values are the chain's
 * JSON read into Java: objects are {@link Map}s, arrays {@link java.util.List}s, integers {@link Long}s, other numbers
 * {@link Double}s; a {@code list<u8>} is a base64 string ({@link #bytes}); a {@code result} is {@code {"ok": v}} or
 * {@code {"err": e}}; an {@code option} is {@code null} or its value. {@code docs/runtime.md} has the full mapping.
 *
 * @param interfaceName e.g. {@code theater:simple/random}
 * @param function e.g. {@code random-range}
 * @param params the arguments by parameter name
 * @param result what the host function returned, when it returned ({@code null} for none)
 * @param error the message of the exception the host function threw, when it threw: the guest's call then trapped
 * @param guestFailure how the guest operation that made the call failed, if it did (e.g. the trap)
 * @param event the chain event itself
 */
public record HostCall(
        String interfaceName,
        String function,
        Map<String, Object> params,
        Object result,
        Optional<String> error,
        Optional<Throwable> guestFailure,
        ChainEvent event) {
    public HostCall {
        requireNonNull(interfaceName, "interfaceName is null");
        requireNonNull(function, "function is null");
        // Unmodifiable but not Map.copyOf: an argument of none is a JSON null.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(params, "params is null")));
        requireNonNull(error, "error is null");
        requireNonNull(guestFailure, "guestFailure is null");
        requireNonNull(event, "event is null");
    }

    /** Reads a {@code host-call} event. */
    @SuppressWarnings("unchecked")
    public static HostCall of(ChainEvent event, Optional<Throwable> guestFailure) {
        requireNonNull(event, "event is null");
        if (!event.eventType().equals("host-call")) {
            throw new IllegalArgumentException(
                    "event " + event.seq() + " is a " + event.eventType() + " event, not a" + " host-call event");
        }
        Map<String, Object> data = (Map<String, Object>) Json.parse(new String(event.data(), StandardCharsets.UTF_8));
        Object params = data.get("params");
        return new HostCall(
                (String) data.get("interface"),
                (String) data.get("function"),
                params instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
                data.get("result"),
                Optional.ofNullable((String) data.get("error")),
                guestFailure,
                event);
    }

    /** {@code interface#function}. */
    public String qualifiedName() {
        return interfaceName + "#" + function;
    }

    /** The host function returned (it did not throw). */
    public boolean returned() {
        return error.isEmpty();
    }

    /** It returned a {@code result} that is {@code ok}. */
    public boolean isOk() {
        return returned() && result instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("ok");
    }

    /** It returned a {@code result} that is {@code err}. */
    public boolean isErr() {
        return returned() && result instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("err");
    }

    /**
     * The value inside {@code ok}.
     *
     * @throws AssertionFailedError when the call did not return {@code ok}
     */
    public Object ok() {
        if (!isOk()) {
            throw new AssertionFailedError("expected " + qualifiedName() + " to return ok(...), but " + describe());
        }
        return ((Map<?, ?>) result).get("ok");
    }

    /**
     * The value inside {@code err}.
     *
     * @throws AssertionFailedError when the call did not return {@code err}
     */
    public Object err() {
        if (!isErr()) {
            throw new AssertionFailedError("expected " + qualifiedName() + " to return err(...), but " + describe());
        }
        return ((Map<?, ?>) result).get("err");
    }

    /** Decodes a {@code list<u8>} value (base64 in the chain). */
    public static byte[] bytes(Object value) {
        if (!(value instanceof String base64)) {
            throw new AssertionFailedError("expected a list<u8> (a base64 string in the chain), but got " + value);
        }
        return Base64.getDecoder().decode(base64);
    }

    /** What happened, for messages: {@code returned {"ok":3}} or {@code threw "..."}. */
    public String describe() {
        return error.map(e -> "it threw \"" + e + "\"").orElseGet(() -> "it returned " + result);
    }

    @Override
    public String toString() {
        return qualifiedName() + params + ": " + describe();
    }
}
