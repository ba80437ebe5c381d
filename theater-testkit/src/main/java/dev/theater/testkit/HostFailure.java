package dev.theater.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * How a handler shows a guest that the host side failed, for {@link HandlerContractTest}: a call the handler cannot
 * carry out, and what the guest must see.
 */
public sealed interface HostFailure {
    /**
     * The call returns {@code err(message)} (the way a handler reports an expected failure, e.g. a missing file),
     * the message contains {@code messagePart}, and the actor carries on.
     */
    record ErrResult(Map<String, Object> config, String function, List<Object> args, String messagePart)
            implements HostFailure {
        public ErrResult {
            config = Map.copyOf(requireNonNull(config, "config is null"));
            requireNonNull(function, "function is null");
            args = List.copyOf(requireNonNull(args, "args is null"));
            requireNonNull(messagePart, "messagePart is null");
        }
    }

    /**
     * The host function throws: the guest's operation traps with a message naming the function and containing {@code
     * messagePart}, the chain records the error, and the actor carries on.
     */
    record Trap(Map<String, Object> config, String function, List<Object> args, String messagePart)
            implements HostFailure {
        public Trap {
            config = Map.copyOf(requireNonNull(config, "config is null"));
            requireNonNull(function, "function is null");
            args = List.copyOf(requireNonNull(args, "args is null"));
            requireNonNull(messagePart, "messagePart is null");
        }
    }

    /**
     * No call of the handler can fail on the host side (every function is total); {@code reason} says why. The
     * contract test reports the check as aborted with this reason.
     */
    record None(String reason) implements HostFailure {
        public None {
            requireNonNull(reason, "reason is null");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("say why no call of the handler can fail on the host side");
            }
        }
    }

    /** {@code function} (as {@code interface#function}) with {@code args} under {@code config} returns {@code err}. */
    static ErrResult errResult(Map<String, Object> config, String function, List<Object> args, String messagePart) {
        return new ErrResult(config, function, args, messagePart);
    }

    /** {@code function} with {@code args} under {@code config} throws on the host: the guest traps. */
    static Trap trap(Map<String, Object> config, String function, List<Object> args, String messagePart) {
        return new Trap(config, function, args, messagePart);
    }

    static None none(String reason) {
        return new None(reason);
    }
}
