package dev.theater.chain;

/**
 * The event types the runtime records, with what each event's data describes. The data encoding of each type is
 * the runtime's; the chain treats data as opaque bytes. Handlers and embedders may record other types (any name
 * that passes {@link ChainEvents#checkEventType}), preferably dotted with their own prefix ({@code myorg.audit}); the
 * names below are reserved for the runtime. See {@code docs/chain.md} for the full vocabulary.
 */
public final class ChainEventTypes {
    /** A state-machine transition of the actor: the old state, the new state and the reason. */
    public static final String LIFECYCLE = "lifecycle";

    /** A call into a guest export: the export ({@code interface#function}) and the parameters. */
    public static final String EXPORT_CALL = "export-call";

    /** The outcome of an export call: its result ({@code ok} or {@code err}), or the trap or interruption. */
    public static final String EXPORT_RESULT = "export-result";

    /** A guest call to a host function: interface, function, inputs and outputs (or the error). */
    public static final String HOST_CALL = "host-call";

    /** A message this actor sent: recipient, kind (send, request, channel message) and payload. */
    public static final String MESSAGE_SEND = "message-send";

    /** A message this actor received: sender, kind, payload and the hash of the sender's message-send event. */
    public static final String MESSAGE_RECEIVE = "message-receive";

    /** A supervision decision about a child: the child, what happened to it and the action taken. */
    public static final String SUPERVISION = "supervision";

    /** The actor's component was replaced: the old and new module hashes. */
    public static final String COMPONENT_UPDATE = "component-update";

    private ChainEventTypes() {}
}
