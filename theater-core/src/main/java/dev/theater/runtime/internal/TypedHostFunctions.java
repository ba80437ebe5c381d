package dev.theater.runtime.internal;

import static java.util.Objects.requireNonNull;

import dev.theater.spi.HostCall;
import dev.theater.spi.HostFunction;
import dev.theater.wit.WitFunction;
import dev.theater.wit.WitInterface;
import dev.theater.wit.WitType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link HostCall} methods of one object as host functions of one WIT interface: each method is checked against
 * its WIT signature (parameters in order, then the result) and wrapped in a {@link HostFunction} that converts the
 * untyped values the ABI lifts into the method's Java types and its return value back ({@link JavaWitType}).
 */
public final class TypedHostFunctions {
    /** In the message of every failure of a host function whose return value does not fit its WIT result. */
    public static final String RESULT_MISMATCH = "returned a value that does not fit its WIT result";

    private TypedHostFunctions() {}

    /**
     * The host functions of {@code target} by WIT function name.
     *
     * @throws IllegalArgumentException naming the Java method, the WIT type and the Java type expected when a method
     *     does not fit its WIT function, or the function it names does not exist
     */
    static Map<String, HostFunction> of(Object target, WitInterface iface) {
        requireNonNull(target, "target is null");
        requireNonNull(iface, "iface is null");
        Map<String, HostFunction> functions = new LinkedHashMap<>();
        for (Method method : annotated(target.getClass())) {
            HostCall call = method.getAnnotation(HostCall.class);
            String name = call.value().isEmpty() ? JavaWitType.kebab(method.getName()) : call.value();
            WitFunction function = iface.function(name)
                    .orElseThrow(() -> new IllegalArgumentException(describe(method) + " is annotated @HostCall for "
                            + iface.qualifiedName() + "#" + name + ", but that interface has no such function; its"
                            + " functions are: "
                            + String.join(", ", iface.functions().keySet())
                            + ". Rename the method or name the function: @HostCall(\"...\")"));
            if (functions.containsKey(name)) {
                throw new IllegalArgumentException(describe(method) + " binds " + iface.qualifiedName() + "#" + name
                        + ", which another @HostCall method of "
                        + target.getClass().getSimpleName()
                        + " already binds; keep one of them");
            }
            functions.put(name, bind(target, method, iface.qualifiedName() + "#" + name, function));
        }
        return functions;
    }

    private static List<Method> annotated(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(HostCall.class)) {
                    methods.add(m);
                }
            }
        }
        methods.sort((a, b) -> a.getName().compareTo(b.getName()));
        return methods;
    }

    private static HostFunction bind(Object target, Method method, String qualified, WitFunction function) {
        if (Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException(
                    describe(method) + " is static; a @HostCall method is an instance method of the handler");
        }
        Type[] params = method.getGenericParameterTypes();
        List<WitType.Field> witParams = function.params();
        if (params.length != witParams.size()) {
            throw new IllegalArgumentException(describe(method) + " takes " + params.length + " parameters, but "
                    + qualified + " is " + function.signature() + "; declare " + witParams.size() + ": "
                    + String.join(
                            ", ",
                            witParams.stream()
                                    .map(p -> JavaWitType.expected(p.type()) + " " + JavaWitType.camel(p.name()))
                                    .toList()));
        }
        JavaWitType[] in = new JavaWitType[params.length];
        for (int i = 0; i < params.length; i++) {
            WitType.Field param = witParams.get(i);
            try {
                in[i] = JavaWitType.of(param.type(), params[i]);
            } catch (JavaWitType.Mismatch m) {
                throw new IllegalArgumentException(describe(method) + ": parameter " + (i + 1) + " ('" + param.name()
                        + "') of " + qualified + " is " + param.type().witName() + ", which takes the Java type "
                        + m.expected + ", not " + JavaWitType.name(params[i]) + explain(m));
            }
        }
        JavaWitType out = null;
        Type returns = method.getGenericReturnType();
        if (function.result().isEmpty()) {
            if (returns != void.class) {
                throw new IllegalArgumentException(describe(method) + " returns " + JavaWitType.name(returns) + ", but "
                        + qualified + " has no result (" + function.signature() + "); declare void");
            }
        } else {
            WitType result = function.result().get();
            try {
                out = JavaWitType.of(result, returns);
            } catch (JavaWitType.Mismatch m) {
                throw new IllegalArgumentException(describe(method) + " returns " + JavaWitType.name(returns)
                        + ", but " + qualified + " returns " + result.witName() + ", which takes the Java type "
                        + m.expected + explain(m));
            }
        }
        MethodHandle handle;
        try {
            method.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(method).bindTo(target);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException(describe(method) + " cannot be called by the runtime: " + e, e);
        }
        return new Call(describe(method), qualified, function, handle, in, out);
    }

    private static String explain(JavaWitType.Mismatch m) {
        return m.getMessage().startsWith("the Java type is ") ? "" : " (" + m.getMessage() + ")";
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + String.join(
                        ", ",
                        Arrays.stream(method.getGenericParameterTypes())
                                .map(JavaWitType::name)
                                .toList())
                + ")";
    }

    private record Call(
            String method,
            String qualified,
            WitFunction function,
            MethodHandle handle,
            JavaWitType[] in,
            JavaWitType out)
            implements HostFunction {
        @Override
        public Object call(List<Object> args) {
            Object[] typed = new Object[in.length];
            for (int i = 0; i < typed.length; i++) {
                typed[i] = in[i].toJava(args.get(i));
            }
            Object result;
            try {
                result = handle.invokeWithArguments(typed);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(method + " threw " + t, t);
            }
            if (out == null) {
                return null;
            }
            if (result == null) {
                WitType type = function.result().orElseThrow();
                throw new IllegalStateException(method + " " + RESULT_MISMATCH + ": null, but " + qualified
                        + " returns " + type.witName() + " (Java " + JavaWitType.expected(type) + "), never null");
            }
            try {
                return out.toWit(result);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        method + " " + RESULT_MISMATCH + " (" + qualified + "): " + e.getMessage(), e);
            }
        }
    }
}
