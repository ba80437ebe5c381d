package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.abi.ExportFunction;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitLibrary;
import dev.theater.wit.WitType;
import java.util.List;
import java.util.Optional;

/**
 * An actor export that follows the Theater convention {@code func(state: option<list<u8>>[, params: tuple<…>]) ->
 * result<tuple<option<list<u8>>, R…>, string>}, with its ABI adapter. Built once per export name per runtime.
 *
 * @param name the export name, {@code <interface>#<function>}
 * @param function its WIT signature
 * @param params the {@code params} tuple type, if the function takes one ({@code init} does not)
 * @param value the type of what the caller gets: the ok elements after the state ({@code null} for none, the element
 *     for one, a tuple for more)
 */
record ExportTarget(
        String name,
        WitFunction function,
        Optional<WitType.TupleType> params,
        Optional<WitType> value,
        ExportFunction export) {
    static final WitType STATE = new WitType.OptionType(new WitType.ListType(WitType.Primitive.U8));

    ExportTarget {
        requireNonNull(name, "name is null");
        requireNonNull(function, "function is null");
        requireNonNull(params, "params is null");
        requireNonNull(value, "value is null");
        requireNonNull(export, "export is null");
    }

    /**
     * Resolves {@code name} against {@code wit} and checks the convention.
     *
     * @throws IllegalArgumentException naming the export and what is wrong
     */
    static ExportTarget resolve(String name, WitLibrary wit) {
        int hash = name.indexOf('#');
        if (hash <= 0 || hash == name.length() - 1) {
            throw new IllegalArgumentException("'" + name + "' is not an export name; write <interface>#<function>,"
                    + " e.g. theater:simple/message-server-client#handle-send");
        }
        String iface = name.substring(0, hash);
        WitFunction function;
        try {
            function = wit.requireFunction(iface, name.substring(hash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot call export '" + name + "': " + e.getMessage(), e);
        }
        List<WitType> paramTypes = function.paramTypes();
        boolean stateFirst = !paramTypes.isEmpty() && paramTypes.get(0).equals(STATE);
        boolean paramsOk =
                paramTypes.size() == 1 || (paramTypes.size() == 2 && paramTypes.get(1) instanceof WitType.TupleType);
        Optional<WitType> value = Optional.empty();
        boolean resultOk = false;
        if (function.result().orElse(null) instanceof WitType.ResultType result
                && result.err().equals(Optional.of(WitType.Primitive.STRING))
                && result.ok().orElse(null) instanceof WitType.TupleType ok
                && !ok.elements().isEmpty()
                && ok.elements().get(0).equals(STATE)) {
            resultOk = true;
            List<WitType> rest = ok.elements().subList(1, ok.elements().size());
            if (rest.size() == 1) {
                value = Optional.of(rest.get(0));
            } else if (rest.size() > 1) {
                value = Optional.of(new WitType.TupleType(rest));
            }
        }
        if (!stateFirst || !paramsOk || !resultOk) {
            throw new IllegalArgumentException("export '" + name + "' has the WIT signature " + function.signature()
                    + ", which does not follow the actor convention func(state: option<list<u8>>, params: tuple<...>)"
                    + " -> result<tuple<option<list<u8>>, ...>, string>; only such exports can be called on an actor");
        }
        Optional<WitType.TupleType> params =
                paramTypes.size() == 2 ? Optional.of((WitType.TupleType) paramTypes.get(1)) : Optional.empty();
        return new ExportTarget(name, function, params, value, ExportFunction.of(name, function));
    }
}
