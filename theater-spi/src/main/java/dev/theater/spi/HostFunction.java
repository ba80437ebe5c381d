package dev.theater.spi;

import java.util.List;

/**
 * A host function as a handler writes it: typed Java values in, a typed Java value out (or {@code null} for a
 * function without a result). The core lifts the arguments from guest memory and lowers the result using the
 * function's WIT signature.
 *
 * <h2>Java values of WIT types</h2>
 *
 * <table>
 *   <caption>WIT type to Java type</caption>
 *   <tr><td>bool</td><td>{@link Boolean}</td></tr>
 *   <tr><td>s8, u8</td><td>{@link Byte} (u8 as the unsigned reading of its bits)</td></tr>
 *   <tr><td>s16, u16</td><td>{@link Short} (likewise)</td></tr>
 *   <tr><td>s32, u32</td><td>{@link Integer} (likewise; see {@link Integer#toUnsignedLong})</td></tr>
 *   <tr><td>s64, u64</td><td>{@link Long} (likewise; see {@link Long#toUnsignedString})</td></tr>
 *   <tr><td>f32, f64</td><td>{@link Float}, {@link Double}; NaN bit patterns are preserved</td></tr>
 *   <tr><td>char</td><td>{@link Integer}: a Unicode scalar value (not a surrogate)</td></tr>
 *   <tr><td>string</td><td>{@link String}</td></tr>
 *   <tr><td>list&lt;u8&gt;</td><td>{@code byte[]}</td></tr>
 *   <tr><td>list&lt;T&gt;</td><td>{@link List}</td></tr>
 *   <tr><td>option&lt;T&gt;</td><td>{@link java.util.Optional}</td></tr>
 *   <tr><td>result&lt;T, E&gt;</td><td>{@link WitResult}</td></tr>
 *   <tr><td>tuple</td><td>{@link WitTuple}</td></tr>
 *   <tr><td>record</td><td>{@link WitRecord}</td></tr>
 *   <tr><td>variant</td><td>{@link WitVariant}</td></tr>
 *   <tr><td>enum</td><td>{@link WitEnum}</td></tr>
 *   <tr><td>flags</td><td>{@link WitFlags}</td></tr>
 * </table>
 */
@FunctionalInterface
public interface HostFunction {
    /**
     * Runs the function. A thrown exception becomes a trap of the calling guest operation, recorded with its
     * message; the runtime and other actors are unaffected.
     */
    Object call(List<Object> args);
}
