package io.ledger.command;

import io.ledger.core.error.LedgerErrorCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.ledger.core.error.LedgerErrorCode.ACCOUNT_CLOSED;
import static io.ledger.core.error.LedgerErrorCode.ACCOUNT_FROZEN;
import static io.ledger.core.error.LedgerErrorCode.ACCOUNT_NOT_EMPTY;
import static io.ledger.core.error.LedgerErrorCode.HOLD_ALREADY_POSTED;
import static io.ledger.core.error.LedgerErrorCode.HOLD_ALREADY_VOIDED;
import static io.ledger.core.error.LedgerErrorCode.HOLD_EXPIRED;
import static io.ledger.core.error.LedgerErrorCode.ID_CONFLICT;
import static io.ledger.core.error.LedgerErrorCode.INSUFFICIENT_FUNDS;
import static io.ledger.core.error.LedgerErrorCode.INVALID_AMOUNT;
import static io.ledger.core.error.LedgerErrorCode.INVALID_EXPIRY;
import static io.ledger.core.error.LedgerErrorCode.NOT_A_HOLD;
import static io.ledger.core.error.LedgerErrorCode.POST_AMOUNT_EXCEEDS_HOLD;
import static io.ledger.core.error.LedgerErrorCode.REVERSAL_EXCEEDS_ORIGINAL;
import static io.ledger.core.error.LedgerErrorCode.TRANSFER_NOT_REVERSIBLE;

/**
 * An independent, deliberately plain model of the ledger's rules, written from the specification of the write
 * side and not from its code: a few maps of balances, holds and statuses. It answers what the real write side
 * should answer to each operation, and changes its state only when the operation is accepted as new.
 *
 * <p>Where several refusals apply at once, the model does not decide which one the ledger reports first: it
 * answers all of them, and the ledger's code must be one of them. Where only one applies, it must be that one.
 */
final class ReferenceLedger {

    enum Status { ACTIVE, FROZEN, CLOSED }

    enum Kind { TRANSFER, HOLD, REVERSAL }

    enum State { PENDING, POSTED, VOIDED, EXPIRED }

    static final class Account {
        final String id;
        long limitMinor;
        boolean unlimited;
        Status status = Status.ACTIVE;
        long postedMinor;
        long pendingDebitsMinor;
        long pendingCreditsMinor;

        Account(String id, long limitMinor, boolean unlimited) {
            this.id = id;
            this.limitMinor = limitMinor;
            this.unlimited = unlimited;
        }

        Account copy() {
            Account copy = new Account(id, limitMinor, unlimited);
            copy.status = status;
            copy.postedMinor = postedMinor;
            copy.pendingDebitsMinor = pendingDebitsMinor;
            copy.pendingCreditsMinor = pendingCreditsMinor;
            return copy;
        }

        boolean empty() {
            return postedMinor == 0 && pendingDebitsMinor == 0 && pendingCreditsMinor == 0;
        }
    }

    static final class Movement {
        final String id;
        final Kind kind;
        final String debit;
        final String credit;
        final long amountMinor;
        final Long timeoutSeconds;
        final Instant expiresAt;
        final String originalId;
        State state;
        /** What actually moved: the amount of a transfer or reversal, the posted part of a hold. */
        long movedMinor;
        long reversedMinor;

        Movement(String id, Kind kind, String debit, String credit, long amountMinor, Long timeoutSeconds,
                 Instant expiresAt, String originalId, State state, long movedMinor) {
            this.id = id;
            this.kind = kind;
            this.debit = debit;
            this.credit = credit;
            this.amountMinor = amountMinor;
            this.timeoutSeconds = timeoutSeconds;
            this.expiresAt = expiresAt;
            this.originalId = originalId;
            this.state = state;
            this.movedMinor = movedMinor;
        }

        Movement copy() {
            Movement copy = new Movement(id, kind, debit, credit, amountMinor, timeoutSeconds, expiresAt, originalId,
                    state, movedMinor);
            copy.reversedMinor = reversedMinor;
            return copy;
        }
    }

    /** The answer the ledger should give: accepted (new or a repeat), or refused with one of {@code codes}. */
    record Expected(boolean accepted, boolean repeated, Set<LedgerErrorCode> codes) {

        static Expected created() {
            return new Expected(true, false, Set.of());
        }

        static Expected repeat() {
            return new Expected(true, true, Set.of());
        }

        static Expected refused(Set<LedgerErrorCode> codes) {
            return new Expected(false, false, Set.copyOf(codes));
        }

        static Expected refused(LedgerErrorCode code) {
            return refused(Set.of(code));
        }

        @Override
        public String toString() {
            return accepted ? (repeated ? "repeat" : "created") : "refused " + codes;
        }
    }

    final Map<String, Account> accounts = new LinkedHashMap<>();
    final Map<String, Movement> movements = new LinkedHashMap<>();
    final List<String> holdIds = new ArrayList<>();

    void open(String id, long limitMinor, boolean unlimited) {
        accounts.put(id, new Account(id, limitMinor, unlimited));
    }

    /** A deep copy, to go back to when an atomic batch is refused. */
    ReferenceLedger copy() {
        ReferenceLedger copy = new ReferenceLedger();
        accounts.forEach((id, account) -> copy.accounts.put(id, account.copy()));
        movements.forEach((id, movement) -> copy.movements.put(id, movement.copy()));
        copy.holdIds.addAll(holdIds);
        return copy;
    }

    // ---- creations ---------------------------------------------------------------------------------------------

    Expected transfer(String id, String debitId, String creditId, long amountMinor) {
        Movement existing = movements.get(id);
        if (existing != null) {
            boolean same = existing.kind == Kind.TRANSFER && existing.debit.equals(debitId)
                    && existing.credit.equals(creditId) && existing.amountMinor == amountMinor;
            return same ? Expected.repeat() : Expected.refused(ID_CONFLICT);
        }
        Account debit = accounts.get(debitId);
        Account credit = accounts.get(creditId);
        Set<LedgerErrorCode> reasons = EnumSet.noneOf(LedgerErrorCode.class);
        checkTakesMovement(debit, reasons);
        checkCanSpend(debit, amountMinor, reasons);
        checkTakesMovement(credit, reasons);
        if (!reasons.isEmpty()) {
            return Expected.refused(reasons);
        }
        debit.postedMinor -= amountMinor;
        credit.postedMinor += amountMinor;
        movements.put(id, new Movement(id, Kind.TRANSFER, debitId, creditId, amountMinor, null, null, null,
                State.POSTED, amountMinor));
        return Expected.created();
    }

    Expected placeHold(String id, String debitId, String creditId, long amountMinor, long timeoutSeconds,
                       Instant requestedAt) {
        Movement existing = movements.get(id);
        if (existing != null) {
            boolean same = existing.kind == Kind.HOLD && existing.debit.equals(debitId)
                    && existing.credit.equals(creditId) && existing.amountMinor == amountMinor
                    && Objects.equals(existing.timeoutSeconds, timeoutSeconds);
            return same ? Expected.repeat() : Expected.refused(ID_CONFLICT);
        }
        Account debit = accounts.get(debitId);
        Account credit = accounts.get(creditId);
        Set<LedgerErrorCode> reasons = EnumSet.noneOf(LedgerErrorCode.class);
        checkTakesMovement(debit, reasons);
        checkCanSpend(debit, amountMinor, reasons);
        checkTakesMovement(credit, reasons);
        if (!reasons.isEmpty()) {
            return Expected.refused(reasons);
        }
        debit.pendingDebitsMinor += amountMinor;
        credit.pendingCreditsMinor += amountMinor;
        movements.put(id, new Movement(id, Kind.HOLD, debitId, creditId, amountMinor, timeoutSeconds,
                requestedAt.plusSeconds(timeoutSeconds), null, State.PENDING, 0));
        holdIds.add(id);
        return Expected.created();
    }

    /** {@code amountMinor} null reverses everything that moved. */
    Expected reverse(String reversalId, String originalId, Long amountMinor) {
        Movement original = movements.get(originalId);
        long requestedMinor = amountMinor != null ? amountMinor : original.movedMinor;
        Movement existing = movements.get(reversalId);
        if (existing != null) {
            boolean same = existing.kind == Kind.REVERSAL && existing.originalId.equals(originalId)
                    && existing.amountMinor == requestedMinor;
            return same ? Expected.repeat() : Expected.refused(ID_CONFLICT);
        }
        if (original.kind == Kind.REVERSAL || original.state != State.POSTED) {
            return Expected.refused(TRANSFER_NOT_REVERSIBLE);
        }
        Set<LedgerErrorCode> reasons = EnumSet.noneOf(LedgerErrorCode.class);
        if (requestedMinor <= 0) {
            return Expected.refused(INVALID_AMOUNT);
        }
        if (requestedMinor > original.movedMinor - original.reversedMinor) {
            reasons.add(REVERSAL_EXCEEDS_ORIGINAL);
        }
        // Money goes back: from the original's credit account to its debit account.
        Account debit = accounts.get(original.credit);
        Account credit = accounts.get(original.debit);
        checkTakesMovement(debit, reasons);
        checkCanSpend(debit, requestedMinor, reasons);
        checkTakesMovement(credit, reasons);
        if (!reasons.isEmpty()) {
            return Expected.refused(reasons);
        }
        debit.postedMinor -= requestedMinor;
        credit.postedMinor += requestedMinor;
        original.reversedMinor += requestedMinor;
        movements.put(reversalId, new Movement(reversalId, Kind.REVERSAL, debit.id, credit.id, requestedMinor, null,
                null, originalId, State.POSTED, requestedMinor));
        return Expected.created();
    }

    // ---- the outcome of a hold ---------------------------------------------------------------------------------

    /** {@code amountMinor} null posts the whole hold. */
    Expected post(String holdId, Long amountMinor, Instant requestedAt) {
        Movement hold = movements.get(holdId);
        if (hold.kind != Kind.HOLD) {
            return Expected.refused(NOT_A_HOLD);
        }
        long requestedMinor = amountMinor != null ? amountMinor : hold.amountMinor;
        switch (hold.state) {
            case POSTED -> {
                return requestedMinor == hold.movedMinor ? Expected.repeat() : Expected.refused(HOLD_ALREADY_POSTED);
            }
            case VOIDED -> {
                return Expected.refused(HOLD_ALREADY_VOIDED);
            }
            case EXPIRED -> {
                return Expected.refused(HOLD_EXPIRED);
            }
            default -> {
                // Pending: checked below.
            }
        }
        Set<LedgerErrorCode> reasons = EnumSet.noneOf(LedgerErrorCode.class);
        if (!requestedAt.isBefore(hold.expiresAt)) {
            reasons.add(HOLD_EXPIRED);
        }
        if (requestedMinor <= 0) {
            reasons.add(INVALID_AMOUNT);
        }
        if (requestedMinor > hold.amountMinor) {
            reasons.add(POST_AMOUNT_EXCEEDS_HOLD);
        }
        Account debit = accounts.get(hold.debit);
        Account credit = accounts.get(hold.credit);
        // The funds were reserved when the hold was placed: posting checks the accounts' status only.
        checkTakesMovement(debit, reasons);
        checkTakesMovement(credit, reasons);
        if (!reasons.isEmpty()) {
            return Expected.refused(reasons);
        }
        debit.pendingDebitsMinor -= hold.amountMinor;
        credit.pendingCreditsMinor -= hold.amountMinor;
        debit.postedMinor -= requestedMinor;
        credit.postedMinor += requestedMinor;
        hold.state = State.POSTED;
        hold.movedMinor = requestedMinor;
        return Expected.created();
    }

    Expected voidHold(String holdId, Instant requestedAt) {
        Movement hold = movements.get(holdId);
        if (hold.kind != Kind.HOLD) {
            return Expected.refused(NOT_A_HOLD);
        }
        return switch (hold.state) {
            case VOIDED -> Expected.repeat();
            case POSTED -> Expected.refused(HOLD_ALREADY_POSTED);
            case EXPIRED -> Expected.refused(HOLD_EXPIRED);
            case PENDING -> {
                if (!requestedAt.isBefore(hold.expiresAt)) {
                    yield Expected.refused(HOLD_EXPIRED);
                }
                release(hold, State.VOIDED);
                yield Expected.created();
            }
        };
    }

    Expected expire(String holdId, Instant now) {
        Movement hold = movements.get(holdId);
        if (hold.kind != Kind.HOLD) {
            return Expected.refused(NOT_A_HOLD);
        }
        return switch (hold.state) {
            case EXPIRED -> Expected.repeat();
            case POSTED -> Expected.refused(HOLD_ALREADY_POSTED);
            case VOIDED -> Expected.refused(HOLD_ALREADY_VOIDED);
            case PENDING -> {
                if (now.isBefore(hold.expiresAt)) {
                    yield Expected.refused(INVALID_EXPIRY);
                }
                release(hold, State.EXPIRED);
                yield Expected.created();
            }
        };
    }

    /** Voids and expiries let go of the reservation whatever the accounts' status. */
    private void release(Movement hold, State outcome) {
        accounts.get(hold.debit).pendingDebitsMinor -= hold.amountMinor;
        accounts.get(hold.credit).pendingCreditsMinor -= hold.amountMinor;
        hold.state = outcome;
    }

    // ---- account lifecycle -------------------------------------------------------------------------------------

    Expected freeze(String accountId) {
        Account account = accounts.get(accountId);
        return switch (account.status) {
            case CLOSED -> Expected.refused(ACCOUNT_CLOSED);
            case FROZEN -> Expected.repeat();
            case ACTIVE -> {
                account.status = Status.FROZEN;
                yield Expected.created();
            }
        };
    }

    Expected unfreeze(String accountId) {
        Account account = accounts.get(accountId);
        return switch (account.status) {
            case CLOSED -> Expected.refused(ACCOUNT_CLOSED);
            case ACTIVE -> Expected.repeat();
            case FROZEN -> {
                account.status = Status.ACTIVE;
                yield Expected.created();
            }
        };
    }

    Expected changeLimit(String accountId, long limitMinor) {
        Account account = accounts.get(accountId);
        if (account.status == Status.CLOSED) {
            return Expected.refused(ACCOUNT_CLOSED);
        }
        if (!account.unlimited && account.limitMinor == limitMinor) {
            return Expected.repeat();
        }
        account.limitMinor = limitMinor;
        account.unlimited = false;
        return Expected.created();
    }

    Expected close(String accountId) {
        Account account = accounts.get(accountId);
        if (account.status == Status.CLOSED) {
            return Expected.repeat();
        }
        if (!account.empty()) {
            return Expected.refused(ACCOUNT_NOT_EMPTY);
        }
        account.status = Status.CLOSED;
        return Expected.created();
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private static void checkTakesMovement(Account account, Set<LedgerErrorCode> reasons) {
        if (account.status == Status.CLOSED) {
            reasons.add(ACCOUNT_CLOSED);
        } else if (account.status == Status.FROZEN) {
            reasons.add(ACCOUNT_FROZEN);
        }
    }

    /** What may be spent is the posted balance less pending debits, down to minus the overdraft limit. */
    private static void checkCanSpend(Account account, long amountMinor, Set<LedgerErrorCode> reasons) {
        long availableAfter = account.postedMinor - account.pendingDebitsMinor - amountMinor;
        if (!account.unlimited && availableAfter < -account.limitMinor) {
            reasons.add(INSUFFICIENT_FUNDS);
        }
    }
}
