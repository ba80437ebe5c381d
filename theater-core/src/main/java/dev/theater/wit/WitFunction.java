package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A WIT function: named parameters and at most one result. */
public record WitFunction(String name, List<WitType.Field> params, Optional<WitType> result) {
    public WitFunction {
        requireNonNull(name, "name is null");
        params = List.copyOf(requireNonNull(params, "params is null"));
        requireNonNull(result, "result is null");
    }

    /** The parameter types, in order. */
    public List<WitType> paramTypes() {
        return params.stream().map(WitType.Field::type).toList();
    }

    /** The signature as WIT writes it, e.g. {@code func(msg: string) -> u32}. */
    public String signature() {
        StringBuilder sb = new StringBuilder("func(");
        for (int i = 0; i < params.size(); i++) {
            WitType.Field p = params.get(i);
            sb.append(i == 0 ? "" : ", ")
                    .append(p.name())
                    .append(": ")
                    .append(p.type().witName());
        }
        sb.append(')');
        result.ifPresent(r -> sb.append(" -> ").append(r.witName()));
        return sb.toString();
    }
}
