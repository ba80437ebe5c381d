/**
 * The soak run behind {@code scripts/soak}: for developers who change the runtime, to see that hours of churn
 * (spawns, crashes, restarts, timeouts, force-stops, processes, messages) leave heap, threads, file descriptors and
 * child processes where they were. Not part of the test suite.
 */
package dev.theater.soak;
