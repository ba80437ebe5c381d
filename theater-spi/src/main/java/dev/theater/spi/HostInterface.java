package dev.theater.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The WIT interface whose functions the {@link HostCall} methods of the annotated class implement, e.g. {@code
 * theater:simple/process}. Needed only when the handler provides more than one interface: otherwise the methods bind
 * to the one interface its factory provides.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HostInterface {
    /** {@code namespace:package/interface}. */
    String value();
}
