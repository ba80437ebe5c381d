/**
 * The {@code store} handler: content-addressed storage with labels, for manifest authors who grant it ({@code
 * [[handler]] type = "store"}), for guests that import {@code theater:simple/store}, and for Java code that reads or
 * writes stores directly ({@link dev.theater.handler.store.Stores}, {@link dev.theater.handler.store.ContentStore}).
 * Layout, durability, the capability model and limits are described in {@code docs/store.md}. Uses only {@code
 * dev.theater.spi} from the core.
 */
package dev.theater.handler.store;
