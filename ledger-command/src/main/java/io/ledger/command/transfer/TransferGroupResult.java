package io.ledger.command.transfer;

import io.ledger.core.CommandOutcome;
import io.ledger.core.error.LedgerException;
import io.ledger.core.transfer.TransferReceipt;

import java.util.List;

/**
 * What became of each member of a {@link TransferGroupCommand}, in the members' order.
 *
 * @param outcomes one per member
 */
public record TransferGroupResult(List<MemberOutcome> outcomes) {

    public TransferGroupResult {
        outcomes = List.copyOf(outcomes);
    }

    /** A member's answer: what the transfer alone would have returned, or the refusal it would have thrown. */
    public sealed interface MemberOutcome {
    }

    /** Written by this group, or a repeat of an earlier write (then nothing was written). */
    public record Written(CommandOutcome<TransferReceipt> outcome) implements MemberOutcome {
    }

    /** Refused before anything of it was applied; the other members were not affected. */
    public record Refused(LedgerException refusal) implements MemberOutcome {
    }
}
