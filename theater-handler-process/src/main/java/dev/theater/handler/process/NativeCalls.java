package dev.theater.handler.process;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three C library calls the process handler needs and Java has no API for: {@code prctl(PR_SET_CHILD_SUBREAPER)},
 * {@code kill} of a process group and {@code waitpid} of an adopted orphan. They are made through the Foreign Function
 * and Memory API, which is final from Java 22; the code is compiled for Java 21, so the API is reached reflectively,
 * and on Java 21 (or a system without these functions) every call reports that it is unavailable.
 */
final class NativeCalls {
    private static final Logger LOG = LoggerFactory.getLogger(NativeCalls.class);

    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;

    private static final Optional<NativeCalls> INSTANCE = load();

    private final MethodHandle prctl;
    private final MethodHandle kill;
    private final MethodHandle waitpid;

    private NativeCalls(MethodHandle prctl, MethodHandle kill, MethodHandle waitpid) {
        this.prctl = prctl;
        this.kill = kill;
        this.waitpid = waitpid;
    }

    /** The calls, or empty before Java 22 or off Linux. */
    static Optional<NativeCalls> get() {
        return INSTANCE;
    }

    /** Makes this JVM the reaper of every orphan among its descendants; true when the kernel accepted it. */
    boolean becomeSubreaper() {
        try {
            return (int) prctl.invokeExact(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L) == 0;
        } catch (Throwable e) {
            LOG.debug("prctl(PR_SET_CHILD_SUBREAPER) failed", e);
            return false;
        }
    }

    /** Sends {@code signal} to every process of the process group {@code group}; true when it reached one. */
    boolean killGroup(long group, int signal) {
        if (group <= 1) {
            throw new IllegalArgumentException("not a process group that may be signalled: " + group);
        }
        try {
            return (int) kill.invokeExact((int) -group, signal) == 0;
        } catch (Throwable e) {
            LOG.debug("kill(-{}, {}) failed", group, signal, e);
            return false;
        }
    }

    /** Collects the exit status of {@code pid}, a child of this JVM that has exited; true when it was collected. */
    boolean reap(long pid) {
        try {
            return (int) waitpid.invokeExact((int) pid, 0L, WNOHANG) == (int) pid;
        } catch (Throwable e) {
            LOG.debug("waitpid({}) failed", pid, e);
            return false;
        }
    }

    private static Optional<NativeCalls> load() {
        if (Runtime.version().feature() < 22
                || !System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        try {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
            Object jint = valueLayoutType.getField("JAVA_INT").get(null);
            Object jlong = valueLayoutType.getField("JAVA_LONG").get(null);
            Method find = lookupType.getMethod("find", String.class);
            Method of = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
            Method downcall =
                    linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType());
            Method firstVariadic = optionType.getMethod("firstVariadicArg", int.class);

            Object noOptions = Array.newInstance(optionType, 0);
            Object variadicFromOne = Array.newInstance(optionType, 1);
            Array.set(variadicFromOne, 0, firstVariadic.invoke(null, 1));

            // int prctl(int option, ...): the four unsigned long arguments are variadic
            Object prctlSymbol = ((Optional<?>) find.invoke(lookup, "prctl")).orElseThrow();
            Object prctlType = of.invoke(null, jint, layouts(layoutType, jint, jlong, jlong, jlong, jlong));
            MethodHandle prctl = (MethodHandle) downcall.invoke(linker, prctlSymbol, prctlType, variadicFromOne);

            Object killSymbol = ((Optional<?>) find.invoke(lookup, "kill")).orElseThrow();
            Object killType = of.invoke(null, jint, layouts(layoutType, jint, jint));
            MethodHandle kill = (MethodHandle) downcall.invoke(linker, killSymbol, killType, noOptions);

            // pid_t waitpid(pid_t pid, int *status, int options): status NULL, passed as a 64-bit address
            Object waitSymbol = ((Optional<?>) find.invoke(lookup, "waitpid")).orElseThrow();
            Object waitType = of.invoke(null, jint, layouts(layoutType, jint, jlong, jint));
            MethodHandle waitpid = (MethodHandle) downcall.invoke(linker, waitSymbol, waitType, noOptions);
            return Optional.of(new NativeCalls(prctl, kill, waitpid));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info(
                    "native process calls are unavailable ({}); orphaned descendants of processes cannot be adopted",
                    e.toString());
            return Optional.empty();
        }
    }

    private static Object layouts(Class<?> layoutType, Object... layouts) {
        Object array = Array.newInstance(layoutType, layouts.length);
        for (int i = 0; i < layouts.length; i++) {
            Array.set(array, i, layouts[i]);
        }
        return array;
    }
}
