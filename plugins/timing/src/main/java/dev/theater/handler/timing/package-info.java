/**
 * The {@code timing} handler plugin: {@code theater:simple/timing} ({@code now}, {@code sleep}, {@code deadline}).
 * Shipped as a drop-in JAR; operators grant it with {@code [[handler]] type = "timing"}. Nothing here is API.
 */
package dev.theater.handler.timing;
