package dev.theater.chain;

/**
 * An incomplete last record of a chain file: the file ends before the record does, which is what a crash during an
 * append leaves behind. When {@code offset} is 0 the file ends inside its own header (a crash while the file was
 * being created).
 *
 * @param seq the seq the incomplete event would have had (the number of complete events before it)
 * @param offset the byte offset where the incomplete record (or the header) starts
 * @param presentBytes how many of its bytes are in the file
 */
public record TornTail(long seq, long offset, long presentBytes) {
    public TornTail {
        if (seq < 0 || offset < 0 || presentBytes < 0) {
            throw new IllegalArgumentException(
                    "seq, offset and presentBytes must be >= 0, were " + seq + ", " + offset + ", " + presentBytes);
        }
    }

    /** The byte offset where the file ends, inside the incomplete record. */
    public long endOffset() {
        return offset + presentBytes;
    }

    /** Whether the file ends inside its header, before any record. */
    public boolean inHeader() {
        return offset == 0;
    }

    /** What happened, in a sentence. */
    public String message() {
        if (inHeader()) {
            return "the file header is truncated at byte " + endOffset()
                    + ": the file was cut while it was being created, possibly by a crash";
        }
        return "the last record (seq " + seq + ", starting at byte " + offset + ") is truncated at byte " + endOffset()
                + ": the chain was cut, possibly by a crash";
    }
}
