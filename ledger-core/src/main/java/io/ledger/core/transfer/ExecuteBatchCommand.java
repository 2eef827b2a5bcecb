package io.ledger.core.transfer;

import java.util.List;

/**
 * Several transfers, holds, posts and voids handled in one database transaction. With {@code atomic} all items
 * succeed or nothing is written; without it each item succeeds or is refused on its own. Items are idempotent
 * one by one, as if sent alone.
 */
public record ExecuteBatchCommand(List<BatchableCommand> items, boolean atomic) {

    public ExecuteBatchCommand {
        items = List.copyOf(items);
    }
}
