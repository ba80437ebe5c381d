package dev.theater.engine;

/** Failures of the engine layer. Messages say what failed and, where it helps, what to do. */
public sealed class WasmException extends RuntimeException
        permits WasmException.Compile,
                WasmException.Link,
                WasmException.Trap,
                WasmException.Interrupted,
                WasmException.OutOfBounds {
    private static final long serialVersionUID = 1L;

    protected WasmException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The bytes are not a valid module. */
    public static final class Compile extends WasmException {
        private static final long serialVersionUID = 1L;

        public Compile(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An import is missing or mistyped, or an export does not exist. */
    public static final class Link extends WasmException {
        private static final long serialVersionUID = 1L;

        public Link(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The guest trapped. */
    public static final class Trap extends WasmException {
        private static final long serialVersionUID = 1L;

        public Trap(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The call was stopped by {@link WasmInstance#interrupt()}. */
    public static final class Interrupted extends WasmException {
        private static final long serialVersionUID = 1L;

        public Interrupted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A host access to guest memory outside its bounds. */
    public static final class OutOfBounds extends WasmException {
        private static final long serialVersionUID = 1L;

        public OutOfBounds(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
