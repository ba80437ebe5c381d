package dev.theater.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the host function of the same name (Java {@code osSpawn} is WIT {@code os-spawn}) in the
 * interface of its class ({@link HostInterface}); {@link #value()} names another. Parameters are the WIT params in
 * order; the return type is the WIT result ({@code void} for none). The runtime checks both against the WIT signature
 * when the actor is linked; a mismatch fails the spawn naming the method, the WIT type and the Java type expected.
 * A thrown exception traps the calling guest operation (recorded with its message); the actor carries on.
 *
 * <h2>Java types of WIT types</h2>
 *
 * <table>
 *   <caption>WIT type to Java type</caption>
 *   <tr><td>bool</td><td>{@code boolean} / {@link Boolean}</td></tr>
 *   <tr><td>s8, u8 / s16, u16 / s32, u32 / s64, u64</td><td>{@code byte / short / int / long} (unsigned types as the
 *       unsigned reading of their bits)</td></tr>
 *   <tr><td>f32, f64</td><td>{@code float}, {@code double}</td></tr>
 *   <tr><td>char</td><td>{@code int}: a Unicode scalar value</td></tr>
 *   <tr><td>string</td><td>{@link String}</td></tr>
 *   <tr><td>list&lt;u8&gt;</td><td>{@code byte[]}</td></tr>
 *   <tr><td>list&lt;T&gt;</td><td>{@code java.util.List<T>}</td></tr>
 *   <tr><td>option&lt;T&gt;</td><td>{@code java.util.Optional<T>}</td></tr>
 *   <tr><td>result&lt;T, E&gt;</td><td>{@code WitResult<T, E>}; {@code Void} for a side without payload</td></tr>
 *   <tr><td>record</td><td>a Java {@code record} with components of the same names (kebab-case as camelCase)</td></tr>
 *   <tr><td>tuple</td><td>a Java {@code record} whose components are the elements in order</td></tr>
 *   <tr><td>enum</td><td>a Java {@code enum} whose constants are the cases ({@code not-found} as {@code
 *       NOT_FOUND})</td></tr>
 *   <tr><td>variant</td><td>a {@code sealed} interface whose permitted records are the cases ({@code not-found} as
 *       {@code NotFound}), each with no component or one (the payload)</td></tr>
 *   <tr><td>flags</td><td>{@code java.util.Set<E>} of a Java {@code enum} whose constants are the flags</td></tr>
 * </table>
 *
 * The untyped values of {@link HostFunction} ({@link WitRecord}, {@link WitTuple}, {@link WitVariant}, {@link
 * WitEnum}, {@link WitFlags}) are accepted for their kinds too. A value is never {@code null}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HostCall {
    /** The WIT function name; default: the method name in kebab-case. */
    String value() default "";
}
