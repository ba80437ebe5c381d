package dev.theater.runtime.internal;

import dev.theater.chain.ChainEventTypes;
import dev.theater.spi.ActorException;
import dev.theater.spi.WitResult;
import dev.theater.spi.WitTuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call of an actor export under the Theater convention: the runtime passes the actor's state (and the params
 * tuple), keeps the state the guest returns, and hands the rest of the ok value to the caller.
 */
final class GuestCall extends Operation {
    static final String INIT = "theater:simple/actor#init";

    private final ExportTarget target;
    private final List<Object> params;
    /** Told on the actor's thread just before the export runs; {@code null} for a plain call. */
    private final Delivery delivery;
    /** The guest's {@code err} text, set by {@link #run} on the actor's thread. */
    private String guestError;

    /** What a message delivery records and registers when its export is about to run. */
    @FunctionalInterface
    interface Delivery {
        /** Runs on the receiving actor's thread, before the {@code export-call} event is recorded. */
        void delivered(Actor actor);
    }

    private GuestCall(ExportTarget target, List<Object> params, Delivery delivery) {
        super(target.name());
        this.target = target;
        this.params = params;
        this.delivery = delivery;
    }

    /**
     * A call of {@code function} on {@code actor} with {@code params}.
     *
     * @throws IllegalArgumentException when the export is unknown, does not follow the convention, is not exported by
     *     the actor, or the number of params is wrong
     */
    static GuestCall of(Actor actor, String function, List<Object> params) {
        return of(actor, function, params, null);
    }

    /**
     * A call of {@code function} that delivers a message: {@code delivery} is told just before the export runs, and
     * not at all when the call never runs (the actor stopped first).
     */
    static GuestCall of(Actor actor, String function, List<Object> params, Delivery delivery) {
        ExportTarget target = actor.context().export(function);
        if (!actor.exports().contains(function)) {
            throw new IllegalArgumentException("actor '" + actor.name() + "' (" + actor.id() + ") does not export "
                    + function + "; its exports are: " + String.join(", ", actor.exports()));
        }
        int expected = target.params().map(t -> t.elements().size()).orElse(0);
        if (params.size() != expected) {
            throw new IllegalArgumentException("export " + function + " takes " + expected + " param(s) ("
                    + target.params().map(t -> t.witName()).orElse("none") + "), but " + params.size()
                    + " were given");
        }
        List<Object> copy;
        try {
            copy = List.copyOf(params);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException("params of " + function + " contain null; pass a WIT value for every"
                    + " element (Optional.empty() for an option that is none)");
        }
        return new GuestCall(target, copy, delivery);
    }

    /** The actor's {@code init} call, the first operation of every actor. */
    static GuestCall init(Actor actor) {
        return of(actor, INIT, List.of());
    }

    boolean isInit() {
        return name().equals(INIT);
    }

    @Override
    boolean runsGuestCode() {
        return true;
    }

    @Override
    void recordStart(Actor actor) {
        if (delivery != null) {
            delivery.delivered(actor);
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("function", WitJson.string(name()));
        if (target.params().isPresent()) {
            data.put("params", WitJson.bounded(target.params().get(), new WitTuple(params)));
        }
        data.put("state_sha256", sha256OrNull(actor.stateBytes()));
        actor.chain().append(ChainEventTypes.EXPORT_CALL, WitJson.object(data), name());
    }

    @Override
    Object run(Actor actor) {
        Optional<byte[]> state = actor.currentState();
        List<Object> args = target.params().isPresent() ? List.of(state, new WitTuple(params)) : List.of(state);
        Object out = target.export().call(actor.instance(), args);
        if (!(out instanceof WitResult<?, ?> result)) {
            throw new IllegalStateException("the ABI returned " + out + " for a result type");
        }
        if (!result.isOk()) {
            guestError = String.valueOf(result.value());
            throw new ActorException.GuestError(
                    actor.id(),
                    "actor '" + actor.name() + "' (" + actor.id() + ") returned an error from " + name() + ": "
                            + result.value());
        }
        List<Object> ok = ((WitTuple) result.value()).elements();
        byte[] newState = (byte[]) ((Optional<?>) ok.get(0)).orElse(null);
        Object value =
                switch (ok.size()) {
                    case 1 -> null;
                    case 2 -> ok.get(1);
                    default -> new WitTuple(ok.subList(1, ok.size()));
                };
        return new OperationRunner.StateUpdate(newState, value);
    }

    @Override
    void recordEnd(Actor actor, Object value, ActorException failure) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("function", WitJson.string(name()));
        if (failure == null) {
            data.put("ok", target.value().map(t -> WitJson.bounded(t, value)).orElse("null"));
            data.put("state_sha256", sha256OrNull(actor.stateBytes()));
        } else if (failure instanceof ActorException.GuestError) {
            data.put("err", WitJson.string(guestError == null ? failure.getMessage() : guestError));
        } else {
            data.put("failure", WitJson.string(failureKind(failure)));
            data.put("message", WitJson.string(failure.getMessage()));
        }
        actor.chain().append(ChainEventTypes.EXPORT_RESULT, WitJson.object(data), name());
    }

    private static String failureKind(ActorException failure) {
        return switch (failure) {
            case ActorException.Timeout t -> "timeout";
            case ActorException.Interrupted i -> "interrupted";
            default -> "trap";
        };
    }

    private static String sha256OrNull(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        return WitJson.string(Sha256.hex(bytes));
    }

    @Override
    public String toString() {
        return "GuestCall[" + name() + "]";
    }
}
