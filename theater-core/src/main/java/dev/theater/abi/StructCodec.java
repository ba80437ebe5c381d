package dev.theater.abi;

import dev.theater.engine.ValType;
import dev.theater.spi.WitRecord;
import dev.theater.spi.WitTuple;
import dev.theater.wit.WitType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records, tuples and parameter lists: fields laid out in order, each at the next offset aligned to it, flattened by
 * concatenation. The three differ only in their Java value: {@link WitRecord}, {@link WitTuple}, or the {@link List}
 * of arguments of a call.
 */
final class StructCodec extends Codec {
    enum Shape {
        RECORD,
        TUPLE,
        PARAMS
    }

    private final Shape shape;
    private final String[] names;
    private final String[] segments;
    private final Codec[] fields;
    private final int[] offsets;
    private final int[] flatOffsets;

    private StructCodec(WitType type, Shape shape, String[] names, String[] segments, Codec[] fields, Layout layout) {
        super(type, layout.size, layout.align, layout.flat);
        this.shape = shape;
        this.names = names;
        this.segments = segments;
        this.fields = fields;
        this.offsets = layout.offsets;
        this.flatOffsets = layout.flatOffsets;
    }

    static StructCodec record(WitType.RecordType type, List<Codec> fields) {
        String[] names = type.fields().stream().map(WitType.Field::name).toArray(String[]::new);
        String[] segments = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            segments[i] = "." + names[i];
        }
        Codec[] codecs = fields.toArray(Codec[]::new);
        return new StructCodec(type, Shape.RECORD, names, segments, codecs, Layout.of(codecs));
    }

    static StructCodec tuple(WitType.TupleType type, List<Codec> elements) {
        String[] segments = new String[elements.size()];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = "." + i;
        }
        Codec[] codecs = elements.toArray(Codec[]::new);
        return new StructCodec(type, Shape.TUPLE, segments, segments, codecs, Layout.of(codecs));
    }

    /** The parameters of a function, laid out as the tuple of their types. */
    static StructCodec params(List<WitType.Field> params, List<Codec> types) {
        String[] names = params.stream().map(WitType.Field::name).toArray(String[]::new);
        String[] segments = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            segments[i] = "param '" + names[i] + "'";
        }
        Codec[] codecs = types.toArray(Codec[]::new);
        WitType tuple =
                new WitType.TupleType(params.stream().map(WitType.Field::type).toList());
        return new StructCodec(tuple, Shape.PARAMS, names, segments, codecs, Layout.of(codecs));
    }

    int count() {
        return fields.length;
    }

    @Override
    void store(Lowering cx, Object value, ByteBuffer buf, int off) {
        Object[] values = values(value);
        for (int i = 0; i < fields.length; i++) {
            try {
                fields[i].store(cx, values[i], buf, off + offsets[i]);
            } catch (Fault f) {
                throw f.at(segments[i]);
            }
        }
    }

    @Override
    void lowerFlat(Lowering cx, Object value, long[] out, int at) {
        Object[] values = values(value);
        for (int i = 0; i < fields.length; i++) {
            try {
                fields[i].lowerFlat(cx, values[i], out, at + flatOffsets[i]);
            } catch (Fault f) {
                throw f.at(segments[i]);
            }
        }
    }

    @Override
    Object load(Lifting cx, ByteBuffer buf, int off) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                values[i] = fields[i].load(cx, buf, off + offsets[i]);
            } catch (Fault f) {
                throw f.at(segments[i]);
            }
        }
        return build(values);
    }

    @Override
    Object liftFlat(Lifting cx, long[] in, int at) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                values[i] = fields[i].liftFlat(cx, in, at + flatOffsets[i]);
            } catch (Fault f) {
                throw f.at(segments[i]);
            }
        }
        return build(values);
    }

    private Object build(Object[] values) {
        return switch (shape) {
            case RECORD -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    map.put(names[i], values[i]);
                }
                yield new WitRecord(map);
            }
            case TUPLE -> new WitTuple(List.of(values));
            case PARAMS -> List.of(values);
        };
    }

    /** The field values of a Java value, in field order, after checking its shape. */
    private Object[] values(Object value) {
        switch (shape) {
            case RECORD -> {
                if (!(value instanceof WitRecord record)) {
                    throw Fault.javaType(this, value);
                }
                Map<String, Object> map = record.fields();
                Object[] values = new Object[names.length];
                for (int i = 0; i < names.length; i++) {
                    values[i] = map.get(names[i]);
                    if (values[i] == null && !map.containsKey(names[i])) {
                        throw Fault.javaValue("no value: the WitRecord for record " + type.witName() + " has no field '"
                                        + names[i] + "'")
                                .at(segments[i]);
                    }
                }
                if (map.size() != names.length) {
                    List<String> extra = new ArrayList<>(map.keySet());
                    extra.removeAll(List.of(names));
                    throw Fault.javaValue("a WitRecord with field(s) " + extra + " that record " + type.witName()
                            + " does not have (its fields: " + String.join(", ", names) + ")");
                }
                return values;
            }
            case TUPLE -> {
                if (!(value instanceof WitTuple tuple)) {
                    throw Fault.javaType(this, value);
                }
                if (tuple.elements().size() != fields.length) {
                    throw Fault.javaValue("a WitTuple of " + tuple.elements().size() + " elements where "
                            + type.witName() + " has " + fields.length);
                }
                return tuple.elements().toArray();
            }
            case PARAMS -> {
                if (!(value instanceof List<?> list) || list.size() != fields.length) {
                    throw new IllegalStateException("arguments are checked before they are lowered");
                }
                return list.toArray();
            }
        }
        throw new IllegalStateException("unknown shape " + shape);
    }

    @Override
    String javaType() {
        return switch (shape) {
            case RECORD -> "dev.theater.spi.WitRecord";
            case TUPLE -> "dev.theater.spi.WitTuple";
            case PARAMS -> "java.util.List";
        };
    }

    /** Offsets, size and alignment of fields in order: the record layout of the spec. */
    private record Layout(int size, int align, ValType[] flat, int[] offsets, int[] flatOffsets) {
        static Layout of(Codec[] fields) {
            int offset = 0;
            int align = 1;
            int[] offsets = new int[fields.length];
            int[] flatOffsets = new int[fields.length];
            List<ValType> flat = new ArrayList<>();
            for (int i = 0; i < fields.length; i++) {
                offset = alignTo(offset, fields[i].align);
                offsets[i] = offset;
                offset += fields[i].size;
                align = Math.max(align, fields[i].align);
                flatOffsets[i] = flat.size();
                flat.addAll(fields[i].flatTypes);
            }
            return new Layout(alignTo(offset, align), align, flat.toArray(ValType[]::new), offsets, flatOffsets);
        }
    }
}
