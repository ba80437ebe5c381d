package dev.theater.wit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A resolved WIT value type. Type aliases and {@code use} are resolved by the parser, so a {@code WitType} never
 * refers to another type by name; named types (record, variant, enum, flags) keep their WIT name for messages.
 */
public sealed interface WitType
        permits WitType.Primitive,
                WitType.ListType,
                WitType.OptionType,
                WitType.ResultType,
                WitType.TupleType,
                WitType.RecordType,
                WitType.VariantType,
                WitType.EnumType,
                WitType.FlagsType {

    /** How this type is written in WIT, for messages: {@code list<string>}, {@code point}, {@code u64}. */
    String witName();

    /** The scalar types of WIT. */
    enum Primitive implements WitType {
        BOOL("bool"),
        S8("s8"),
        U8("u8"),
        S16("s16"),
        U16("u16"),
        S32("s32"),
        U32("u32"),
        S64("s64"),
        U64("u64"),
        F32("f32"),
        F64("f64"),
        CHAR("char"),
        STRING("string");

        private final String witName;

        Primitive(String witName) {
            this.witName = witName;
        }

        @Override
        public String witName() {
            return witName;
        }

        /** The primitive spelled {@code name} in WIT, if there is one. */
        public static Optional<Primitive> byWitName(String name) {
            for (Primitive p : values()) {
                if (p.witName.equals(name)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    record ListType(WitType element) implements WitType {
        public ListType {
            requireNonNull(element, "element is null");
        }

        @Override
        public String witName() {
            return "list<" + element.witName() + ">";
        }
    }

    record OptionType(WitType inner) implements WitType {
        public OptionType {
            requireNonNull(inner, "inner is null");
        }

        @Override
        public String witName() {
            return "option<" + inner.witName() + ">";
        }
    }

    /** {@code result<ok, err>}; either side may be absent ({@code result}, {@code result<T>}, {@code result<_, E>}). */
    record ResultType(Optional<WitType> ok, Optional<WitType> err) implements WitType {
        public ResultType {
            requireNonNull(ok, "ok is null");
            requireNonNull(err, "err is null");
        }

        @Override
        public String witName() {
            if (ok.isEmpty() && err.isEmpty()) {
                return "result";
            }
            return "result<" + ok.map(WitType::witName).orElse("_")
                    + err.map(e -> ", " + e.witName()).orElse("") + ">";
        }
    }

    record TupleType(List<WitType> elements) implements WitType {
        public TupleType {
            elements = List.copyOf(requireNonNull(elements, "elements is null"));
        }

        @Override
        public String witName() {
            StringBuilder sb = new StringBuilder("tuple<");
            for (int i = 0; i < elements.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(elements.get(i).witName());
            }
            return sb.append('>').toString();
        }
    }

    record Field(String name, WitType type) {
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    record RecordType(String name, List<Field> fields) implements WitType {
        public RecordType {
            requireNonNull(name, "name is null");
            fields = List.copyOf(requireNonNull(fields, "fields is null"));
        }

        @Override
        public String witName() {
            return name;
        }
    }

    record Case(String name, Optional<WitType> payload) {
        public Case {
            requireNonNull(name, "name is null");
            requireNonNull(payload, "payload is null");
        }
    }

    record VariantType(String name, List<Case> cases) implements WitType {
        public VariantType {
            requireNonNull(name, "name is null");
            cases = List.copyOf(requireNonNull(cases, "cases is null"));
        }

        @Override
        public String witName() {
            return name;
        }
    }

    record EnumType(String name, List<String> cases) implements WitType {
        public EnumType {
            requireNonNull(name, "name is null");
            cases = List.copyOf(requireNonNull(cases, "cases is null"));
        }

        @Override
        public String witName() {
            return name;
        }
    }

    record FlagsType(String name, List<String> flags) implements WitType {
        public FlagsType {
            requireNonNull(name, "name is null");
            flags = List.copyOf(requireNonNull(flags, "flags is null"));
        }

        @Override
        public String witName() {
            return name;
        }
    }
}
