package dev.theater.handler.process;

import java.util.Optional;

/** The WIT record {@code process-status}, the result of {@code os-status}. */
record ProcessStatus(long pid, boolean running, Optional<Integer> exitCode, long startTime) {}
