package io.ledger.command.transfer;

import io.ledger.command.StreamIds;
import io.ledger.core.LedgerIds;
import io.ledger.core.Metadata;
import io.ledger.core.error.AmountTooLargeException;
import io.ledger.core.error.IdConflictException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.SameAccountException;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.money.Amounts;
import io.ledger.core.money.Currencies;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A transfer: the rules that hold whatever the accounts are (valid ids, two different accounts, a supported
 * currency, a positive amount within the configured maximum, bounded metadata), and the record that makes a
 * transfer id usable only once. The legs on the two accounts are written in the same unit of work by
 * {@link TransferCommandHandler}.
 */
public class Transfer {

    @AggregateIdentifier
    private String streamId;
    private String transferId;
    private String debitAccountId;
    private String creditAccountId;
    private long amountMinor;
    private String currency;
    private Map<String, String> metadata;
    private TransferStatus status;
    private Instant postedAt;

    protected Transfer() {
        // Required by Axon to rebuild the transfer from its events.
    }

    @CommandHandler
    public Transfer(TransferFundsCommand command, AmountLimits limits) {
        LedgerIds.requireValid(command.transferId(), "transferId");
        LedgerIds.requireValid(command.debitAccountId(), "debitAccountId");
        LedgerIds.requireValid(command.creditAccountId(), "creditAccountId");
        Metadata.requireValid(command.metadata());
        Currencies.requireSupported(command.currency());
        if (command.debitAccountId().equals(command.creditAccountId())) {
            throw new SameAccountException("A transfer needs two different accounts.");
        }
        if (command.amountMinor() <= 0) {
            throw new InvalidAmountException("Amounts must be greater than zero.");
        }
        long maxMinor = limits.maxMinor(command.currency());
        if (command.amountMinor() > maxMinor) {
            throw new AmountTooLargeException("The largest transfer in " + command.currency() + " is "
                    + Amounts.format(maxMinor, command.currency()) + ".");
        }
        apply(new TransferPostedEvent(command.transferId(), command.debitAccountId(), command.creditAccountId(),
                command.amountMinor(), command.currency(), command.metadata()));
    }

    /**
     * Answers a repeated transfer with the original receipt, or refuses it when any field differs. The one branch
     * that neither applies an event nor throws: a faithful repeat has nothing left to change.
     */
    public TransferReceipt repeatOf(TransferFundsCommand command) {
        boolean sameContent = Objects.equals(command.debitAccountId(), debitAccountId)
                && Objects.equals(command.creditAccountId(), creditAccountId)
                && command.amountMinor() == amountMinor
                && Objects.equals(command.currency(), currency)
                && Objects.equals(command.metadata(), metadata);
        if (!sameContent) {
            throw new IdConflictException("Transfer " + transferId + " already exists with different content.");
        }
        return receipt();
    }

    public TransferReceipt receipt() {
        return new TransferReceipt(transferId, debitAccountId, creditAccountId, amountMinor, currency, metadata,
                status, postedAt);
    }

    @EventSourcingHandler
    void on(TransferPostedEvent event, @Timestamp Instant recordedAt) {
        streamId = StreamIds.transfer(event.transferId());
        transferId = event.transferId();
        debitAccountId = event.debitAccountId();
        creditAccountId = event.creditAccountId();
        amountMinor = event.amountMinor();
        currency = event.currency();
        metadata = event.metadata();
        status = TransferStatus.POSTED;
        postedAt = recordedAt;
    }
}
