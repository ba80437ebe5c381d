package dev.theater.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.theater.spi.ChainEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several actors' chains merged into one causal history: each chain keeps its own order, and a {@code
 * message-receive} comes after the {@code message-send} whose hash its data names ({@code send_hash}). Among the
 * events that may come next, the earliest timestamp goes first (then the chain given first), so unrelated events
 * interleave by time.
 */
final class CausalHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One chain to merge, with the name that labels its events. */
    record Source(String label, List<ChainEvent> events) {
        Source {
            requireNonNull(label, "label is null");
            events = List.copyOf(events);
        }
    }

    /** Where an event is: its chain's label and its seq. */
    record Position(String label, long seq) {}

    /**
     * One event of the history.
     *
     * @param cause for a {@code message-receive} whose send is in one of the merged chains, where that send is
     * @param outOfOrder whether the event had to be placed before its cause (the chains contradict each other)
     */
    record Entry(String label, ChainEvent event, Optional<Position> cause, boolean outOfOrder) {}

    private CausalHistory() {}

    /** The label of a chain: the actor name of its first event, else {@code fallback}. */
    static String actorName(List<ChainEvent> events, String fallback) {
        if (events.isEmpty()) {
            return fallback;
        }
        try {
            JsonNode first = JSON.readTree(events.get(0).data());
            JsonNode actor = first.path("actor");
            return actor.isTextual() ? actor.asText() : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }

    static List<Entry> merge(List<Source> sources) {
        Map<String, int[]> sendIndex = new HashMap<>();
        for (int c = 0; c < sources.size(); c++) {
            Source source = sources.get(c);
            for (int i = 0; i < source.events().size(); i++) {
                ChainEvent event = source.events().get(i);
                if (event.eventType().equals("message-send")) {
                    sendIndex.put(event.hashHex(), new int[] {c, i});
                }
            }
        }
        // causes[c][i]: the chain and index of the send that event i of chain c received, or null.
        int[][][] causes = new int[sources.size()][][];
        for (int c = 0; c < sources.size(); c++) {
            List<ChainEvent> events = sources.get(c).events();
            causes[c] = new int[events.size()][];
            for (int i = 0; i < events.size(); i++) {
                causes[c][i] = sendHash(events.get(i)).map(sendIndex::get).orElse(null);
            }
        }
        int[] next = new int[sources.size()];
        List<Entry> history = new ArrayList<>();
        while (true) {
            int pick = -1;
            boolean anyLeft = false;
            for (int c = 0; c < sources.size(); c++) {
                if (next[c] >= sources.get(c).events().size()) {
                    continue;
                }
                anyLeft = true;
                int[] cause = causes[c][next[c]];
                boolean ready = cause == null || next[cause[0]] > cause[1];
                if (ready && (pick < 0 || earlier(head(sources, next, c), head(sources, next, pick)))) {
                    pick = c;
                }
            }
            if (!anyLeft) {
                return history;
            }
            boolean outOfOrder = false;
            if (pick < 0) {
                // The chains contradict each other (a cycle of receives before their sends): take the earliest head.
                outOfOrder = true;
                for (int c = 0; c < sources.size(); c++) {
                    if (next[c] < sources.get(c).events().size()
                            && (pick < 0 || earlier(head(sources, next, c), head(sources, next, pick)))) {
                        pick = c;
                    }
                }
            }
            int[] cause = causes[pick][next[pick]];
            ChainEvent event = sources.get(pick).events().get(next[pick]++);
            Optional<Position> position = cause == null
                    ? Optional.empty()
                    : Optional.of(new Position(
                            sources.get(cause[0]).label(),
                            sources.get(cause[0]).events().get(cause[1]).seq()));
            history.add(new Entry(sources.get(pick).label(), event, position, outOfOrder));
        }
    }

    private static ChainEvent head(List<Source> sources, int[] next, int chain) {
        return sources.get(chain).events().get(next[chain]);
    }

    private static boolean earlier(ChainEvent a, ChainEvent b) {
        return a.timestamp().isBefore(b.timestamp());
    }

    /** The {@code send_hash} of a {@code message-receive} event, if it names one. */
    static Optional<String> sendHash(ChainEvent event) {
        if (!event.eventType().equals("message-receive")) {
            return Optional.empty();
        }
        try {
            JsonNode hash = JSON.readTree(event.data()).path("send_hash");
            return hash.isTextual() ? Optional.of(hash.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
