package io.ledger.command.transfer;

import io.ledger.core.LedgerIds;
import io.ledger.core.Metadata;
import io.ledger.core.StreamIds;
import io.ledger.core.error.AmountTooLargeException;
import io.ledger.core.error.HoldStateException;
import io.ledger.core.error.IdConflictException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.error.SameAccountException;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.money.Amounts;
import io.ledger.core.money.Currencies;
import io.ledger.core.transfer.ExpireHoldCommand;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.ReverseTransferCommand;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferReversedEvent;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.VoidHoldCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A transfer, a hold or a reversal: the rules that hold whatever the accounts are (valid ids, two different
 * accounts, a supported currency, a positive amount within the configured maximum, bounded metadata), the one
 * outcome of a hold, how much of a posted transfer has been reversed, and the record that makes an id usable once.
 * The legs on the accounts are written in the same unit of work by the handlers.
 *
 * <p>The {@code repeated...} methods check an operation without changing anything: they throw its refusal, return
 * the earlier answer for a faithful repeat, or return null when the operation is new and allowed.
 */
public class Transfer {

    /** The longest a hold may stay pending. */
    public static final Duration MAX_HOLD_DURATION = Duration.ofDays(365);

    /** How far back a transfer's value date may lie when no other window is configured. */
    public static final Duration DEFAULT_MAX_BACKDATING = Duration.ofDays(7);

    @AggregateIdentifier
    private String streamId;
    private String transferId;
    private TransferKind kind;
    private String debitAccountId;
    private String creditAccountId;
    private long amountMinor;
    private String currency;
    private Map<String, String> metadata;
    private TransferStatus status;
    private Instant createdAt;
    private Long timeoutSeconds;
    private Instant expiresAt;
    private long postedMinor;
    private long releasedMinor;
    private Instant resolvedAt;
    private String reversalOf;
    private long reversedMinor;
    private Instant effectiveAt;

    protected Transfer() {
        // Required by Axon to rebuild the transfer from its events.
    }

    @CommandHandler
    public Transfer(TransferFundsCommand command, AmountLimits limits) {
        requireValidMovement(command.transferId(), command.debitAccountId(), command.creditAccountId(),
                command.amountMinor(), command.currency(), command.metadata(), limits);
        apply(new TransferPostedEvent(command.transferId(), command.debitAccountId(), command.creditAccountId(),
                command.amountMinor(), command.currency(), command.metadata(), command.effectiveAt()));
    }

    @CommandHandler
    public Transfer(PlaceHoldCommand command, AmountLimits limits) {
        Instant expiry = validHoldExpiry(command, limits);
        apply(new HoldPlacedEvent(command.transferId(), command.debitAccountId(), command.creditAccountId(),
                command.amountMinor(), command.currency(), command.metadata(), command.timeoutSeconds(), expiry));
    }

    /** A reversal of {@code original}; the original has already accepted it (see {@link #requireReversible}). */
    Transfer(ReverseTransferCommand command, TransferReceipt original, long reversalMinor) {
        LedgerIds.requireValid(command.reversalId(), "reversalId");
        Metadata.requireValid(command.metadata());
        apply(new ReversalPostedEvent(command.reversalId(), original.transferId(), original.creditAccountId(),
                original.debitAccountId(), reversalMinor, original.currency(), command.metadata()));
    }

    // ---- validation of new transfers ---------------------------------------------------------------------------

    /** Checks a new transfer without creating it; the same checks its constructor makes. */
    public static void requireValid(TransferFundsCommand command, AmountLimits limits) {
        requireValidMovement(command.transferId(), command.debitAccountId(), command.creditAccountId(),
                command.amountMinor(), command.currency(), command.metadata(), limits);
    }

    /**
     * Checks a transfer's value date: none, or one at or before the request and no further back than
     * {@code maxBackdating}. A value date in the future would let a transfer count before it happened.
     */
    public static void requireValidEffectiveDate(TransferFundsCommand command, Duration maxBackdating) {
        if (command.effectiveAt() == null) {
            return;
        }
        if (command.requestedAt() == null || command.effectiveAt().isAfter(command.requestedAt())) {
            throw new LedgerException(LedgerErrorCode.INVALID_EFFECTIVE_DATE,
                    "A transfer's effectiveAt cannot lie in the future.");
        }
        if (command.effectiveAt().isBefore(command.requestedAt().minus(maxBackdating))) {
            throw new LedgerException(LedgerErrorCode.INVALID_EFFECTIVE_DATE, "A transfer may be back-dated by at "
                    + "most " + maxBackdating.toHours() + " hours.");
        }
    }

    /** Checks a new hold without creating it and returns its expiry; the same checks its constructor makes. */
    public static Instant validHoldExpiry(PlaceHoldCommand command, AmountLimits limits) {
        requireValidMovement(command.transferId(), command.debitAccountId(), command.creditAccountId(),
                command.amountMinor(), command.currency(), command.metadata(), limits);
        if ((command.timeoutSeconds() == null) == (command.expiresAt() == null)) {
            throw new LedgerException(LedgerErrorCode.INVALID_EXPIRY,
                    "A hold needs exactly one of timeoutSeconds and expiresAt.");
        }
        if (command.timeoutSeconds() != null
                && (command.timeoutSeconds() <= 0 || command.timeoutSeconds() > MAX_HOLD_DURATION.toSeconds())) {
            throw new LedgerException(LedgerErrorCode.INVALID_EXPIRY, "A hold's timeout is 1 to "
                    + MAX_HOLD_DURATION.toSeconds() + " seconds.");
        }
        Instant expiry = command.expiresAt() != null
                ? command.expiresAt() : command.requestedAt().plusSeconds(command.timeoutSeconds());
        if (!expiry.isAfter(command.requestedAt()) || expiry.isAfter(command.requestedAt().plus(MAX_HOLD_DURATION))) {
            throw new LedgerException(LedgerErrorCode.INVALID_EXPIRY,
                    "A hold must expire in the future and within " + MAX_HOLD_DURATION.toDays() + " days.");
        }
        return expiry;
    }

    private static void requireValidMovement(String transferId, String debitAccountId, String creditAccountId,
                                             long amountMinor, String currency, Map<String, String> metadata,
                                             AmountLimits limits) {
        LedgerIds.requireValid(transferId, "transferId");
        LedgerIds.requireValid(debitAccountId, "debitAccountId");
        LedgerIds.requireValid(creditAccountId, "creditAccountId");
        Metadata.requireValid(metadata);
        Currencies.requireSupported(currency);
        if (debitAccountId.equals(creditAccountId)) {
            throw new SameAccountException("A transfer needs two different accounts.");
        }
        if (amountMinor <= 0) {
            throw new InvalidAmountException("Amounts must be greater than zero.");
        }
        long maxMinor = limits.maxMinor(currency);
        if (amountMinor > maxMinor) {
            throw new AmountTooLargeException("The largest transfer in " + currency + " is "
                    + Amounts.format(maxMinor, currency) + ".");
        }
    }

    // ---- repeats of creations ----------------------------------------------------------------------------------

    /** The original receipt for a faithful repeat; {@code ID_CONFLICT} when any field differs. */
    public TransferReceipt repeatOf(TransferFundsCommand command) {
        requireSameContent(kind == TransferKind.TRANSFER
                && sameMovement(command.debitAccountId(), command.creditAccountId(), command.amountMinor(),
                command.currency(), command.metadata())
                && Objects.equals(command.effectiveAt(), effectiveAt));
        return receipt();
    }

    /** The original receipt for a faithful repeat of a hold (the same timeout or the same expiry instant). */
    public TransferReceipt repeatOf(PlaceHoldCommand command) {
        requireSameContent(kind == TransferKind.HOLD
                && sameMovement(command.debitAccountId(), command.creditAccountId(), command.amountMinor(),
                command.currency(), command.metadata())
                && sameExpiryRequest(command));
        return receipt();
    }

    /**
     * The expiry is part of a hold's content in the form it was asked for: the same timeout (and no instant), or
     * the same instant (and no timeout). A timeout is measured from each request, so its instant may differ.
     */
    private boolean sameExpiryRequest(PlaceHoldCommand command) {
        return timeoutSeconds != null
                ? timeoutSeconds.equals(command.timeoutSeconds()) && command.expiresAt() == null
                : command.timeoutSeconds() == null && Objects.equals(command.expiresAt(), expiresAt);
    }

    /** The original receipt for a faithful repeat of a reversal of {@code reversalMinor}. */
    public TransferReceipt repeatOf(ReverseTransferCommand command, long reversalMinor) {
        requireSameContent(kind == TransferKind.REVERSAL
                && Objects.equals(command.originalTransferId(), reversalOf)
                && reversalMinor == amountMinor
                && Objects.equals(command.metadata(), metadata));
        return receipt();
    }

    private boolean sameMovement(String debit, String credit, long amount, String currencyCode,
                                 Map<String, String> meta) {
        return Objects.equals(debit, debitAccountId) && Objects.equals(credit, creditAccountId)
                && amount == amountMinor && Objects.equals(currencyCode, currency)
                && Objects.equals(meta, metadata);
    }

    private void requireSameContent(boolean same) {
        if (!same) {
            throw new IdConflictException("Transfer " + transferId + " already exists with different content.");
        }
    }

    // ---- the one outcome of a hold -----------------------------------------------------------------------------

    /** Null for an allowed new post; the earlier resolution for a faithful repeat; otherwise the refusal. */
    public HoldResolution repeatedPost(PostHoldCommand command) {
        requireHold();
        long requestedMinor = requestedPostMinor(command);
        switch (status) {
            case POSTED -> {
                if (requestedMinor == postedMinor) {
                    return resolution();
                }
                throw new HoldStateException(LedgerErrorCode.HOLD_ALREADY_POSTED,
                        "Hold " + transferId + " was already posted with another amount.");
            }
            case VOIDED -> throw voided();
            case EXPIRED -> throw expired();
            default -> {
                // Pending: checked below.
            }
        }
        if (!command.requestedAt().isBefore(expiresAt)) {
            throw expired();
        }
        if (requestedMinor <= 0) {
            throw new InvalidAmountException("A hold is posted with an amount greater than zero.");
        }
        if (requestedMinor > amountMinor) {
            throw new LedgerException(LedgerErrorCode.POST_AMOUNT_EXCEEDS_HOLD, "Hold " + transferId + " holds "
                    + Amounts.format(amountMinor, currency) + "; more cannot be posted.");
        }
        return null;
    }

    /** What an allowed new post would resolve to, without applying it; see {@link #repeatedPost}. */
    public HoldResolution plannedPost(PostHoldCommand command) {
        long postMinor = requestedPostMinor(command);
        return new HoldResolution(transferId, debitAccountId, creditAccountId, TransferStatus.POSTED, amountMinor,
                postMinor, amountMinor - postMinor, currency, null);
    }

    @CommandHandler
    public HoldResolution handle(PostHoldCommand command) {
        HoldResolution earlier = repeatedPost(command);
        if (earlier != null) {
            return earlier;
        }
        long postMinor = requestedPostMinor(command);
        apply(new HoldPostedEvent(transferId, debitAccountId, creditAccountId, amountMinor, postMinor,
                amountMinor - postMinor, currency));
        return resolution();
    }

    /** The amount a post asks for, in this hold's currency: the whole hold when none is given. */
    private long requestedPostMinor(PostHoldCommand command) {
        return command.amount() == null ? amountMinor : Amounts.parseMinor(command.amount(), currency);
    }

    /** Null for an allowed new void; the earlier resolution for a faithful repeat; otherwise the refusal. */
    public HoldResolution repeatedVoid(VoidHoldCommand command) {
        requireHold();
        switch (status) {
            case VOIDED -> {
                return resolution();
            }
            case POSTED -> throw new HoldStateException(LedgerErrorCode.HOLD_ALREADY_POSTED,
                    "Hold " + transferId + " was already posted.");
            case EXPIRED -> throw expired();
            default -> {
                if (!command.requestedAt().isBefore(expiresAt)) {
                    throw expired();
                }
                return null;
            }
        }
    }

    @CommandHandler
    public HoldResolution handle(VoidHoldCommand command) {
        HoldResolution earlier = repeatedVoid(command);
        if (earlier != null) {
            return earlier;
        }
        apply(new HoldVoidedEvent(transferId, debitAccountId, creditAccountId, amountMinor, currency));
        return resolution();
    }

    /** Null for a due expiry; the earlier resolution when it already expired; otherwise the refusal. */
    public HoldResolution repeatedExpiry(ExpireHoldCommand command) {
        requireHold();
        switch (status) {
            case EXPIRED -> {
                return resolution();
            }
            case POSTED -> throw new HoldStateException(LedgerErrorCode.HOLD_ALREADY_POSTED,
                    "Hold " + transferId + " was already posted.");
            case VOIDED -> throw voided();
            default -> {
                if (command.now().isBefore(expiresAt)) {
                    throw new LedgerException(LedgerErrorCode.INVALID_EXPIRY,
                            "Hold " + transferId + " is not due to expire before " + expiresAt + ".");
                }
                return null;
            }
        }
    }

    @CommandHandler
    public HoldResolution handle(ExpireHoldCommand command) {
        HoldResolution earlier = repeatedExpiry(command);
        if (earlier != null) {
            return earlier;
        }
        apply(new HoldExpiredEvent(transferId, debitAccountId, creditAccountId, amountMinor, currency, expiresAt));
        return resolution();
    }

    // ---- reversals ---------------------------------------------------------------------------------------------

    /** Checks that {@code reversalMinor} more of this transfer may be given back now, changing nothing. */
    public void requireReversible(long reversalMinor) {
        if (kind == TransferKind.REVERSAL) {
            throw new LedgerException(LedgerErrorCode.TRANSFER_NOT_REVERSIBLE,
                    "Transfer " + transferId + " is itself a reversal; reverse the original instead.");
        }
        if (status != TransferStatus.POSTED) {
            throw new LedgerException(LedgerErrorCode.TRANSFER_NOT_REVERSIBLE,
                    "Transfer " + transferId + " is " + status + "; only posted transfers can be reversed.");
        }
        if (reversalMinor <= 0) {
            throw new InvalidAmountException("A reversal needs an amount greater than zero.");
        }
        if (reversalMinor > postedMinor - reversedMinor) {
            throw new LedgerException(LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL, "Only "
                    + Amounts.format(postedMinor - reversedMinor, currency) + " of transfer " + transferId
                    + " remains to be reversed.");
        }
    }

    @CommandHandler
    public void handle(RecordReversalCommand command) {
        requireReversible(command.amountMinor());
        apply(new TransferReversedEvent(transferId, command.reversalId(), command.amountMinor(),
                reversedMinor + command.amountMinor()));
    }

    // ---- answers -----------------------------------------------------------------------------------------------

    /** The transfer as it was created. */
    public TransferReceipt receipt() {
        TransferStatus createdStatus = kind == TransferKind.HOLD ? TransferStatus.PENDING : TransferStatus.POSTED;
        return new TransferReceipt(transferId, kind, debitAccountId, creditAccountId, amountMinor, currency,
                metadata, createdStatus, reversalOf, expiresAt, createdAt, effectiveAt);
    }

    /**
     * The amount a reversal asks for, in this transfer's currency: by default all of what actually moved (the
     * amount, or the posted part of a hold).
     */
    public long requestedReversalMinor(ReverseTransferCommand command) {
        return command.amount() == null ? postedMinor : Amounts.parseMinor(command.amount(), currency);
    }

    private HoldResolution resolution() {
        return new HoldResolution(transferId, debitAccountId, creditAccountId, status, amountMinor, postedMinor,
                releasedMinor, currency, resolvedAt);
    }

    private void requireHold() {
        if (kind != TransferKind.HOLD) {
            throw new HoldStateException(LedgerErrorCode.NOT_A_HOLD, "Transfer " + transferId + " is not a hold.");
        }
    }

    private HoldStateException voided() {
        return new HoldStateException(LedgerErrorCode.HOLD_ALREADY_VOIDED, "Hold " + transferId + " was voided.");
    }

    private HoldStateException expired() {
        return new HoldStateException(LedgerErrorCode.HOLD_EXPIRED, "Hold " + transferId + " has expired.");
    }

    // ---- event sourcing ----------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(TransferPostedEvent event, @Timestamp Instant recordedAt) {
        created(event.transferId(), TransferKind.TRANSFER, event.debitAccountId(), event.creditAccountId(),
                event.amountMinor(), event.currency(), event.metadata(), recordedAt);
        status = TransferStatus.POSTED;
        postedMinor = event.amountMinor();
        effectiveAt = event.effectiveAt();
    }

    @EventSourcingHandler
    void on(HoldPlacedEvent event, @Timestamp Instant recordedAt) {
        created(event.transferId(), TransferKind.HOLD, event.debitAccountId(), event.creditAccountId(),
                event.amountMinor(), event.currency(), event.metadata(), recordedAt);
        status = TransferStatus.PENDING;
        timeoutSeconds = event.timeoutSeconds();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(ReversalPostedEvent event, @Timestamp Instant recordedAt) {
        created(event.reversalId(), TransferKind.REVERSAL, event.debitAccountId(), event.creditAccountId(),
                event.amountMinor(), event.currency(), event.metadata(), recordedAt);
        status = TransferStatus.POSTED;
        postedMinor = event.amountMinor();
        reversalOf = event.originalTransferId();
    }

    private void created(String id, TransferKind transferKind, String debit, String credit, long amount,
                         String currencyCode, Map<String, String> meta, Instant recordedAt) {
        streamId = StreamIds.transfer(id);
        transferId = id;
        kind = transferKind;
        debitAccountId = debit;
        creditAccountId = credit;
        amountMinor = amount;
        currency = currencyCode;
        metadata = meta;
        createdAt = recordedAt;
    }

    @EventSourcingHandler
    void on(HoldPostedEvent event, @Timestamp Instant recordedAt) {
        status = TransferStatus.POSTED;
        postedMinor = event.postedMinor();
        releasedMinor = event.releasedMinor();
        resolvedAt = recordedAt;
    }

    @EventSourcingHandler
    void on(HoldVoidedEvent event, @Timestamp Instant recordedAt) {
        status = TransferStatus.VOIDED;
        releasedMinor = event.heldMinor();
        resolvedAt = recordedAt;
    }

    @EventSourcingHandler
    void on(HoldExpiredEvent event, @Timestamp Instant recordedAt) {
        status = TransferStatus.EXPIRED;
        releasedMinor = event.heldMinor();
        resolvedAt = recordedAt;
    }

    @EventSourcingHandler
    void on(TransferReversedEvent event) {
        reversedMinor = event.totalReversedMinor();
    }
}
