package dev.theater.handler.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Linux says about one process in {@code /proc/<pid>/stat}: its state, parent, process group and session, which
 * {@link ProcessHandle} does not tell.
 *
 * @param pid the process id
 * @param state one letter: {@code R} running, {@code S} sleeping, {@code Z} zombie, ...
 * @param parent the parent's pid
 * @param group the process group id
 * @param session the session id
 * @param startTicks when the process started, in clock ticks since boot
 */
record ProcStat(long pid, char state, long parent, long group, long session, long startTicks) {

    /** The process's stat, or empty when it is gone (or this is not Linux). */
    static Optional<ProcStat> of(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime
        // cstime priority nice threads itrealvalue starttime ...": comm may hold spaces and parentheses.
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = text.substring(close + 2).split(" ");
        if (fields.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(
                    pid,
                    fields[0].charAt(0),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]),
                    Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean isZombie() {
        return state == 'Z';
    }
}
