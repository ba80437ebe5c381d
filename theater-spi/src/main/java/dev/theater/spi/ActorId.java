package dev.theater.spi;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The address of an actor: a UUID, printed in its canonical lowercase form. */
public record ActorId(UUID uuid) {
    public ActorId {
        requireNonNull(uuid, "uuid is null");
    }

    public static ActorId random() {
        return new ActorId(UUID.randomUUID());
    }

    /** Parses the canonical form, with an error naming the text when it is not an actor id. */
    public static ActorId parse(String text) {
        requireNonNull(text, "text is null");
        try {
            return new ActorId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + text
                            + "' is not an actor id; an actor id is a UUID such as 3f2b9c1e-8d4a-4e57-9b1a-2c3d4e5f6a7b",
                    e);
        }
    }

    @Override
    public String toString() {
        return uuid.toString();
    }
}
