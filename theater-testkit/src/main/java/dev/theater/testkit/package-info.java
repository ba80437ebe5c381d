/**
 * The handler testkit, for people who write handlers (first-party modules and third-party plugins) and test them.
 *
 * <ul>
 *   <li>{@link dev.theater.testkit.HandlerHarness} loads a handler the way production does (class path or plugin
 *       JAR), runs the real runtime, and spawns a generated guest ({@link dev.theater.testkit.DriverActor}) that calls
 *       the handler's host functions with Java arguments; what happened is read back from the actor's chain as {@link
 *       dev.theater.testkit.HostCall}s.
 *   <li>{@link dev.theater.testkit.HandlerAssertions} asserts fluently over host calls and chain events.
 *   <li>{@link dev.theater.testkit.HandlerContractTest} is the contract every handler passes: extend it.
 *   <li>{@link dev.theater.testkit.PluginJarBuilder} packages classes as a drop-in plugin JAR.
 * </ul>
 *
 * {@code docs/writing-a-handler.md} walks through it.
 */
package dev.theater.testkit;
