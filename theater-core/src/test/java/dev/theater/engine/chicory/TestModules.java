package dev.theater.engine.chicory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Binary wasm modules for the Chicory-specific tests, built in code because they are either too large to keep as
 * text (a function past the JVM's method size limit) or shapes the shared guests do not have.
 */
final class TestModules {
    private static final int I32 = 0x7f;

    private TestModules() {}

    /** The branch that closes the loop of {@link #loop}. */
    enum Branch {
        /** {@code br 0}: loop forever. */
        BR,
        /** {@code br_if 0} on the parameter: loop while it is non-zero. */
        BR_IF
    }

    /**
     * A module that imports {@code test:host/env#entered: (func)} and exports {@code run: (param i32) (result
     * i32)}, which calls {@code entered} once and then runs a loop whose body adds 1 to a local {@code additions}
     * times, closed by {@code branch}; it returns the local. The loop makes no calls, so only a check at its
     * back-edge can stop it. With enough additions, {@code run} does not fit in a JVM method.
     */
    static byte[] loop(int additions, Branch branch) {
        Bytes body = new Bytes();
        body.u32(1).u32(1).u8(I32); // one local i32 (index 1)
        body.u8(0x10).u32(0); // call entered
        body.u8(0x03).u8(0x40); // loop, no result
        for (int i = 0; i < additions; i++) {
            body.u8(0x20).u32(1); // local.get 1
            body.u8(0x41).u32(1); // i32.const 1
            body.u8(0x6a); // i32.add
            body.u8(0x21).u32(1); // local.set 1
        }
        if (branch == Branch.BR) {
            body.u8(0x0c).u32(0); // br 0
        } else {
            body.u8(0x20).u32(0); // local.get 0
            body.u8(0x0d).u32(0); // br_if 0
        }
        body.u8(0x0b); // end loop
        body.u8(0x20).u32(1); // local.get 1
        body.u8(0x0b); // end function

        Bytes module = header();
        module.section(
                1,
                new Bytes()
                        .u32(2)
                        .u8(0x60)
                        .u32(1)
                        .u8(I32)
                        .u32(1)
                        .u8(I32) // type 0: i32 -> i32
                        .u8(0x60)
                        .u32(0)
                        .u32(0)); // type 1: () -> ()
        module.section(
                2,
                new Bytes()
                        .u32(1)
                        .name("test:host/env")
                        .name("entered")
                        .u8(0x00)
                        .u32(1));
        module.section(3, new Bytes().u32(1).u32(0)); // function 1 (after the import) has type 0
        module.section(7, new Bytes().u32(1).name("run").u8(0x00).u32(1)); // export "run" = function 1
        module.section(10, new Bytes().u32(1).u32(body.size()).bytes(body)); // code
        return module.toByteArray();
    }

    /** A module that imports its memory, {@code env#memory}, instead of defining it. */
    static byte[] importedMemory() {
        Bytes module = header();
        module.section(
                2,
                new Bytes().u32(1).name("env").name("memory").u8(0x02).u8(0x00).u32(1));
        return module.toByteArray();
    }

    private static Bytes header() {
        return new Bytes().u8(0x00).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
    }

    /** Little wasm binary writer: bytes, LEB128 integers, names and sections. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int value) {
            out.write(value);
            return this;
        }

        Bytes u32(int value) {
            int rest = value;
            do {
                int low = rest & 0x7f;
                rest >>>= 7;
                out.write(rest == 0 ? low : low | 0x80);
            } while (rest != 0);
            return this;
        }

        Bytes name(String name) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            u32(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        Bytes bytes(Bytes other) {
            out.writeBytes(other.toByteArray());
            return this;
        }

        Bytes section(int id, Bytes contents) {
            return u8(id).u32(contents.size()).bytes(contents);
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
