package io.ledger.query.statement;

import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.LegSide;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.TransferPostedEvent;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Feeds a {@link StatementProjection} the way Axon's tracking processor would: every event takes the next global
 * position, and every account event the next sequence number of its account's stream (0 for the opening).
 */
final class StatementFeed {

    private final StatementProjection projection;
    private final Map<String, Long> nextSeqByAccount = new HashMap<>();
    private long nextPosition;

    StatementFeed(StatementProjection projection) {
        this.projection = projection;
    }

    StatementFeed(StatementStore store) {
        this(new StatementProjection(store));
    }

    void open(String accountId, String currency, Instant at) {
        projection.on(new AccountOpenedEvent(accountId, currency, accountId, 0, true), seq(accountId), at, token());
    }

    /** A posted transfer: its record, then its debit leg and its credit leg, all stamped {@code at}. */
    void transfer(String transferId, String debitId, String creditId, long amountMinor, String currency,
                  Map<String, String> metadata, Instant at) {
        token();
        projection.on(new TransferPostedEvent(transferId, debitId, creditId, amountMinor, currency, metadata));
        debit(debitId, transferId, creditId, amountMinor, currency, at);
        credit(creditId, transferId, debitId, amountMinor, currency, at);
    }

    /** A placed hold: its record, then the reservations on its debit and its credit side, stamped {@code at}. */
    void placeHold(String transferId, String debitId, String creditId, long amountMinor, String currency,
                   Map<String, String> metadata, Instant at) {
        token();
        projection.on(new HoldPlacedEvent(transferId, debitId, creditId, amountMinor, currency, metadata, 60L,
                at.plusSeconds(60)));
        reserve(debitId, transferId, LegSide.DEBIT, creditId, amountMinor, currency, at);
        reserve(creditId, transferId, LegSide.CREDIT, debitId, amountMinor, currency, at);
    }

    /** A hold's end: both reservations released, then {@code postedMinor} of it moved (0 when voided). */
    void resolveHold(String transferId, String debitId, String creditId, long reservedMinor, long postedMinor,
                     String currency, Instant at) {
        release(debitId, transferId, LegSide.DEBIT, reservedMinor, currency, at);
        release(creditId, transferId, LegSide.CREDIT, reservedMinor, currency, at);
        if (postedMinor > 0) {
            debit(debitId, transferId, creditId, postedMinor, currency, at);
            credit(creditId, transferId, debitId, postedMinor, currency, at);
        }
    }

    void debit(String accountId, String transferId, String counterpartyId, long amountMinor, String currency,
               Instant at) {
        projection.on(new AccountDebitedEvent(accountId, transferId, counterpartyId, amountMinor, currency),
                seq(accountId), at, token());
    }

    void credit(String accountId, String transferId, String counterpartyId, long amountMinor, String currency,
                Instant at) {
        projection.on(new AccountCreditedEvent(accountId, transferId, counterpartyId, amountMinor, currency),
                seq(accountId), at, token());
    }

    void reserve(String accountId, String transferId, LegSide side, String counterpartyId, long amountMinor,
                 String currency, Instant at) {
        projection.on(new AccountHoldReservedEvent(accountId, transferId, side, counterpartyId, amountMinor, currency),
                seq(accountId), at, token());
    }

    void release(String accountId, String transferId, LegSide side, long amountMinor, String currency, Instant at) {
        projection.on(new AccountHoldReleasedEvent(accountId, transferId, side, amountMinor, currency),
                seq(accountId), at, token());
    }

    /** The sequence number the next event of {@code accountId} will carry. */
    long nextSeqOf(String accountId) {
        return nextSeqByAccount.getOrDefault(accountId, 0L);
    }

    private long seq(String accountId) {
        long seq = nextSeqOf(accountId);
        nextSeqByAccount.put(accountId, seq + 1);
        return seq;
    }

    private GlobalSequenceTrackingToken token() {
        return new GlobalSequenceTrackingToken(nextPosition++);
    }
}
