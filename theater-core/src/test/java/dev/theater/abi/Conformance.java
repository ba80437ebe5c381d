package dev.theater.abi;

import static dev.theater.wit.WitType.Primitive.BOOL;
import static dev.theater.wit.WitType.Primitive.CHAR;
import static dev.theater.wit.WitType.Primitive.F32;
import static dev.theater.wit.WitType.Primitive.F64;
import static dev.theater.wit.WitType.Primitive.S16;
import static dev.theater.wit.WitType.Primitive.S32;
import static dev.theater.wit.WitType.Primitive.S64;
import static dev.theater.wit.WitType.Primitive.S8;
import static dev.theater.wit.WitType.Primitive.STRING;
import static dev.theater.wit.WitType.Primitive.U16;
import static dev.theater.wit.WitType.Primitive.U32;
import static dev.theater.wit.WitType.Primitive.U64;
import static dev.theater.wit.WitType.Primitive.U8;

import dev.theater.spi.WitRecord;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitType;
import dev.theater.wit.WitType.Case;
import dev.theater.wit.WitType.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The types and functions of {@code wit/conformance/conformance.wit}, written out by hand. */
final class Conformance {
    static final String GUEST = "theater:conformance/guest";
    static final String HOST = "theater:conformance/host";

    static final WitType.RecordType POINT = new WitType.RecordType(
            "point", List.of(new Field("x", S32), new Field("y", S32), new Field("label", STRING)));
    static final WitType.VariantType SHAPE = new WitType.VariantType(
            "shape",
            List.of(
                    new Case("circle", Optional.of(F64)),
                    new Case("rect", Optional.of(POINT)),
                    new Case("named", Optional.of(STRING)),
                    new Case("empty", Optional.empty())));
    static final WitType.EnumType COLOR = new WitType.EnumType("color", List.of("red", "green", "blue"));
    static final WitType.FlagsType PERMS = new WitType.FlagsType("perms", List.of("read", "write", "exec"));
    static final WitType.RecordType EXTREMES = new WitType.RecordType(
            "extremes",
            List.of(
                    new Field("a", U64),
                    new Field("b", S64),
                    new Field("c", U32),
                    new Field("d", S32),
                    new Field("e", U16),
                    new Field("f", S16),
                    new Field("g", U8),
                    new Field("h", S8)));
    static final WitType.RecordType WIDE = wide();
    static final WitType NESTED = new WitType.OptionType(
            new WitType.ResultType(Optional.of(new WitType.OptionType(STRING)), Optional.of(new WitType.ListType(U8))));
    static final WitType QUAD = new WitType.TupleType(List.of(U8, STRING, F64, BOOL));
    static final WitType STRINGS = new WitType.ListType(STRING);

    private Conformance() {}

    private static WitType.RecordType wide() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i <= 16; i++) {
            fields.add(new Field("f" + i, S32));
        }
        return new WitType.RecordType("wide", fields);
    }

    /** {@code echo-<name>: func(v: T) -> T}. */
    static WitFunction echo(String name, WitType type) {
        return new WitFunction("echo-" + name, List.of(new Field("v", type)), Optional.of(type));
    }

    static WitFunction echoPoint() {
        return echo("point", POINT);
    }

    static WitFunction echoFloats() {
        return new WitFunction(
                "echo-floats",
                List.of(new Field("a", F32), new Field("b", F64)),
                Optional.of(new WitType.TupleType(List.of(F32, F64))));
    }

    static WitRecord point(int x, int y, String label) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("x", x);
        fields.put("y", y);
        fields.put("label", label);
        return new WitRecord(fields);
    }

    static WitFunction echoChar() {
        return echo("char", CHAR);
    }
}
