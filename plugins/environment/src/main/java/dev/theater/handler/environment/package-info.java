/**
 * The {@code environment} handler plugin: {@code theater:simple/environment} ({@code get-var}, {@code list-vars},
 * {@code exists}) over the host's environment variables, showing an actor only those its manifest allows. Shipped as
 * a drop-in JAR. Nothing here is API.
 */
package dev.theater.handler.environment;
