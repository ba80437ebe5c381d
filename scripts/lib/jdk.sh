# Sourced by the project's entry points. Selects a JDK >= 21 and exports JAVA_HOME and PATH,
# or exits with a message that says what was found and how to fix it.
# Order: $JAVA_HOME, the `java` on PATH, then every JDK under /usr/lib/jvm (newest first).

theater_java_major() {
    # Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
    local home="$1"
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    "$home/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' \
        | sed 's/^1\.//; s/\..*//' | head -n 1
}

theater_select_jdk() {
    local required=21 candidates=() seen=() home major
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    if [ -d /usr/lib/jvm ]; then
        while IFS= read -r home; do candidates+=("$home"); done \
            < <(find /usr/lib/jvm -mindepth 1 -maxdepth 1 \( -type d -o -type l \) | sort -rV)
    fi
    for home in "${candidates[@]}"; do
        major=$(theater_java_major "$home")
        seen+=("$home (${major:-not a JDK})")
        if [ -n "$major" ] && [ "$major" -ge "$required" ]; then
            export JAVA_HOME="$home"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    {
        echo "theater: a JDK $required or newer is needed (Theater is built at Java 21 language level)."
        if [ ${#seen[@]} -gt 0 ]; then
            echo "Looked at:"
            printf '  %s\n' "${seen[@]}"
        else
            echo "No JDK was found (JAVA_HOME is unset, no javac on PATH, nothing under /usr/lib/jvm)."
        fi
        echo "Fix: install a JDK $required+ (e.g. Temurin 21 or 25) and point JAVA_HOME at it."
    } >&2
    exit 1
}

theater_require_maven() {
    if ! command -v mvn >/dev/null 2>&1; then
        echo "theater: Apache Maven (mvn) is needed to build; install it (Debian: apt-get install maven)." >&2
        exit 1
    fi
    # Maven's own libraries call sun.misc.Unsafe; keep JDK 24+ from printing warnings about it on every run.
    local major
    major=$(theater_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 24 ]; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    fi
}
