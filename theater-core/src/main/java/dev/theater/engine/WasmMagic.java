package dev.theater.engine;

/**
 * The first check of every engine's {@code compile}: the bytes start with the wasm magic number {@code \0asm}. A file
 * that is not a module may be anything, a secret included, so the refusal describes it without quoting any of it.
 */
public final class WasmMagic {
    private static final byte[] MAGIC = {0, 'a', 's', 'm'};

    private WasmMagic() {}

    /** Whether {@code bytes} start with the wasm magic number. */
    public static boolean present(byte[] bytes) {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses bytes that do not start with the wasm magic number.
     *
     * @throws WasmException.Compile naming the length and what the bytes look like, never their content
     */
    public static void require(byte[] bytes) {
        if (present(bytes)) {
            return;
        }
        throw new WasmException.Compile(
                "not a wasm module (" + bytes.length + " bytes): it does not start with the wasm magic number"
                        + " \\0asm; " + hint(bytes),
                null);
    }

    private static String hint(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && i < 4096 && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i < bytes.length && bytes[i] == '(') {
            return "it looks like WebAssembly text (.wat): Theater loads binary modules, so compile it with wat2wasm"
                    + " first";
        }
        return "Theater loads binary core modules (.wasm); check that the path names the module the guest was built"
                + " as";
    }
}
