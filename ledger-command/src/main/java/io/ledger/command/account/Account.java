package io.ledger.command.account;

import io.ledger.core.LedgerIds;
import io.ledger.core.StreamIds;
import io.ledger.core.account.AccountClosedEvent;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountFrozenEvent;
import io.ledger.core.account.AccountHoldReleasedEvent;
import io.ledger.core.account.AccountHoldReservedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountOverdraftLimitChangedEvent;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.account.AccountStateReceipt;
import io.ledger.core.account.AccountStatus;
import io.ledger.core.account.AccountUnfrozenEvent;
import io.ledger.core.account.ChangeOverdraftLimitCommand;
import io.ledger.core.account.CloseAccountCommand;
import io.ledger.core.account.FreezeAccountCommand;
import io.ledger.core.account.LegSide;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.account.UnfreezeAccountCommand;
import io.ledger.core.error.AccountClosedException;
import io.ledger.core.error.AccountFrozenException;
import io.ledger.core.error.BalanceOverflowException;
import io.ledger.core.error.CurrencyMismatchException;
import io.ledger.core.error.IdConflictException;
import io.ledger.core.error.InsufficientFundsException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.money.Amounts;
import io.ledger.core.money.Currencies;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account: its currency, its overdraft rule, its status, and its balances in minor units: posted (credits
 * minus debits), pending debits and pending credits (reserved by holds). It guards its own invariants: every leg's
 * currency matches, the available balance (posted minus pending debits) never goes beyond the overdraft limit, a
 * frozen or closed account takes no new movement, and no arithmetic overflows.
 *
 * <p>Each {@code require...} method checks one operation without changing anything, so that a handler touching
 * several aggregates can check all of them before it applies anything to any.
 */
public class Account {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_REASON_LENGTH = 500;

    @AggregateIdentifier
    private String streamId;
    private String accountId;
    private String currency;
    private String name;
    private long overdraftLimitMinor;
    private boolean unlimitedOverdraft;
    private AccountStatus status;
    private long postedMinor;
    private long pendingDebitsMinor;
    private long pendingCreditsMinor;
    private Instant openedAt;

    protected Account() {
        // Required by Axon to rebuild the account from its events.
    }

    @CommandHandler
    public Account(OpenAccountCommand command) {
        LedgerIds.requireValid(command.accountId(), "accountId");
        Currencies.requireSupported(command.currency());
        requireValidName(command.name());
        requireValidOverdraft(command.overdraftLimitMinor(), command.unlimitedOverdraft());
        apply(new AccountOpenedEvent(command.accountId(), command.currency(), command.name(),
                command.overdraftLimitMinor(), command.unlimitedOverdraft()));
    }

    // ---- movements ---------------------------------------------------------------------------------------------

    /** Checks that a debit of {@code amountMinor} could be applied now, changing nothing. */
    public void requireCanDebit(long amountMinor, String legCurrency, boolean settlesHold) {
        requireOpenForMovement();
        requirePositive(amountMinor);
        requireCurrency(legCurrency);
        long postedAfter = exact(() -> Math.subtractExact(postedMinor, amountMinor));
        if (!settlesHold) {
            requireWithinLimit(exact(() -> Math.subtractExact(postedAfter, pendingDebitsMinor)));
        }
    }

    /** Checks that a credit of {@code amountMinor} could be applied now, changing nothing. */
    public void requireCanCredit(long amountMinor, String legCurrency) {
        requireOpenForMovement();
        requirePositive(amountMinor);
        requireCurrency(legCurrency);
        exact(() -> Math.addExact(postedMinor, amountMinor));
    }

    /** Checks that a hold could reserve {@code amountMinor} on this side of it now, changing nothing. */
    public void requireCanReserve(LegSide side, long amountMinor, String legCurrency) {
        requireOpenForMovement();
        requirePositive(amountMinor);
        requireCurrency(legCurrency);
        if (side == LegSide.DEBIT) {
            long pendingAfter = exact(() -> Math.addExact(pendingDebitsMinor, amountMinor));
            requireWithinLimit(exact(() -> Math.subtractExact(postedMinor, pendingAfter)));
        } else {
            exact(() -> Math.addExact(pendingCreditsMinor, amountMinor));
        }
    }

    @CommandHandler
    public void handle(DebitAccountCommand command) {
        requireCanDebit(command.amountMinor(), command.currency(), command.settlesHold());
        apply(new AccountDebitedEvent(accountId, command.transferId(), command.counterpartyAccountId(),
                command.amountMinor(), command.currency(), command.effectiveAt()));
    }

    @CommandHandler
    public void handle(CreditAccountCommand command) {
        requireCanCredit(command.amountMinor(), command.currency());
        apply(new AccountCreditedEvent(accountId, command.transferId(), command.counterpartyAccountId(),
                command.amountMinor(), command.currency(), command.effectiveAt()));
    }

    @CommandHandler
    public void handle(ReserveHoldCommand command) {
        requireCanReserve(command.side(), command.amountMinor(), command.currency());
        apply(new AccountHoldReservedEvent(accountId, command.transferId(), command.side(),
                command.counterpartyAccountId(), command.amountMinor(), command.currency()));
    }

    /**
     * Ends a reservation. Allowed while frozen (a frozen account's holds can still be voided or expire), and it
     * cannot fail for a reservation the account actually holds; anything else is a bug in the caller.
     */
    @CommandHandler
    public void handle(ReleaseHoldCommand command) {
        requireCurrency(command.currency());
        long pending = command.side() == LegSide.DEBIT ? pendingDebitsMinor : pendingCreditsMinor;
        if (command.amountMinor() <= 0 || command.amountMinor() > pending) {
            throw new IllegalStateException("Account " + accountId + " does not hold " + command.amountMinor()
                    + " pending on its " + command.side() + " side");
        }
        apply(new AccountHoldReleasedEvent(accountId, command.transferId(), command.side(), command.amountMinor(),
                command.currency()));
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    /** Freezes the account; returns false, writing nothing, when it already is frozen. */
    @CommandHandler
    public boolean handle(FreezeAccountCommand command) {
        requireValidReason(command.reason());
        requireNotClosed();
        if (status == AccountStatus.FROZEN) {
            return false;
        }
        apply(new AccountFrozenEvent(accountId, command.reason()));
        return true;
    }

    /** Unfreezes the account; returns false, writing nothing, when it is not frozen. */
    @CommandHandler
    public boolean handle(UnfreezeAccountCommand command) {
        requireValidReason(command.reason());
        requireNotClosed();
        if (status == AccountStatus.ACTIVE) {
            return false;
        }
        apply(new AccountUnfrozenEvent(accountId, command.reason()));
        return true;
    }

    /** Closes the account for good; only when nothing is posted or pending on it. False when already closed. */
    @CommandHandler
    public boolean handle(CloseAccountCommand command) {
        requireValidReason(command.reason());
        if (status == AccountStatus.CLOSED) {
            return false;
        }
        if (postedMinor != 0 || pendingDebitsMinor != 0 || pendingCreditsMinor != 0) {
            throw new LedgerException(LedgerErrorCode.ACCOUNT_NOT_EMPTY, "Account " + accountId
                    + " can close only when its posted and pending balances are zero.");
        }
        apply(new AccountClosedEvent(accountId, command.reason()));
        return true;
    }

    /** Sets a new overdraft rule; false, writing nothing, when it equals the current one. */
    @CommandHandler
    public boolean handle(ChangeOverdraftLimitCommand command) {
        requireValidReason(command.reason());
        requireNotClosed();
        long limitMinor = command.overdraftLimit() == null ? 0 : Amounts.parseMinor(command.overdraftLimit(), currency);
        requireValidOverdraft(limitMinor, command.unlimitedOverdraft());
        if (limitMinor == overdraftLimitMinor && command.unlimitedOverdraft() == unlimitedOverdraft) {
            return false;
        }
        apply(new AccountOverdraftLimitChangedEvent(accountId, limitMinor, command.unlimitedOverdraft(),
                command.reason()));
        return true;
    }

    // ---- answers -----------------------------------------------------------------------------------------------

    /**
     * Answers a repeated open with the original receipt, or refuses it when the content differs. This is the one
     * branch that neither applies an event nor throws: a faithful repeat has nothing left to change.
     */
    public AccountReceipt repeatOf(OpenAccountCommand command) {
        boolean sameContent = Objects.equals(command.currency(), currency)
                && Objects.equals(command.name(), name)
                && command.overdraftLimitMinor() == overdraftLimitMinor
                && command.unlimitedOverdraft() == unlimitedOverdraft;
        if (!sameContent) {
            throw new IdConflictException("Account " + accountId + " already exists with different content.");
        }
        return receipt();
    }

    public AccountReceipt receipt() {
        return new AccountReceipt(accountId, currency, name, overdraftLimitMinor, unlimitedOverdraft, openedAt);
    }

    public AccountStateReceipt state() {
        return new AccountStateReceipt(accountId, currency, status, overdraftLimitMinor, unlimitedOverdraft);
    }

    // ---- event sourcing ----------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(AccountOpenedEvent event, @Timestamp Instant recordedAt) {
        streamId = StreamIds.account(event.accountId());
        accountId = event.accountId();
        currency = event.currency();
        name = event.name();
        overdraftLimitMinor = event.overdraftLimitMinor();
        unlimitedOverdraft = event.unlimitedOverdraft();
        status = AccountStatus.ACTIVE;
        openedAt = recordedAt;
    }

    @EventSourcingHandler
    void on(AccountDebitedEvent event) {
        postedMinor = Math.subtractExact(postedMinor, event.amountMinor());
    }

    @EventSourcingHandler
    void on(AccountCreditedEvent event) {
        postedMinor = Math.addExact(postedMinor, event.amountMinor());
    }

    @EventSourcingHandler
    void on(AccountHoldReservedEvent event) {
        if (event.side() == LegSide.DEBIT) {
            pendingDebitsMinor = Math.addExact(pendingDebitsMinor, event.amountMinor());
        } else {
            pendingCreditsMinor = Math.addExact(pendingCreditsMinor, event.amountMinor());
        }
    }

    @EventSourcingHandler
    void on(AccountHoldReleasedEvent event) {
        if (event.side() == LegSide.DEBIT) {
            pendingDebitsMinor = Math.subtractExact(pendingDebitsMinor, event.amountMinor());
        } else {
            pendingCreditsMinor = Math.subtractExact(pendingCreditsMinor, event.amountMinor());
        }
    }

    @EventSourcingHandler
    void on(AccountFrozenEvent event) {
        status = AccountStatus.FROZEN;
    }

    @EventSourcingHandler
    void on(AccountUnfrozenEvent event) {
        status = AccountStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(AccountClosedEvent event) {
        status = AccountStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(AccountOverdraftLimitChangedEvent event) {
        overdraftLimitMinor = event.overdraftLimitMinor();
        unlimitedOverdraft = event.unlimitedOverdraft();
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private void requireOpenForMovement() {
        requireNotClosed();
        if (status == AccountStatus.FROZEN) {
            throw new AccountFrozenException("Account " + accountId + " is frozen.");
        }
    }

    private void requireNotClosed() {
        if (status == AccountStatus.CLOSED) {
            throw new AccountClosedException("Account " + accountId + " is closed.");
        }
    }

    private void requireWithinLimit(long availableAfterMinor) {
        if (!unlimitedOverdraft && availableAfterMinor < -overdraftLimitMinor) {
            throw new InsufficientFundsException("Account " + accountId + " has insufficient funds for this transfer.");
        }
    }

    private void requireCurrency(String legCurrency) {
        if (!currency.equals(legCurrency)) {
            throw new CurrencyMismatchException(
                    "Account " + accountId + " holds " + currency + ", not " + legCurrency + ".");
        }
    }

    private long exact(java.util.function.LongSupplier arithmetic) {
        try {
            return arithmetic.getAsLong();
        } catch (ArithmeticException overflow) {
            throw new BalanceOverflowException("Account " + accountId + " cannot hold a balance of that size.");
        }
    }

    private static void requirePositive(long amountMinor) {
        if (amountMinor <= 0) {
            throw new InvalidAmountException("Amounts must be greater than zero.");
        }
    }

    private static void requireValidName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new LedgerException(LedgerErrorCode.INVALID_NAME, "Account names are 1 to " + MAX_NAME_LENGTH
                    + " characters without control characters.");
        }
    }

    private static void requireValidReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH
                || reason.chars().anyMatch(Character::isISOControl)) {
            throw new LedgerException(LedgerErrorCode.INVALID_REASON, "A reason of 1 to " + MAX_REASON_LENGTH
                    + " characters without control characters is required.");
        }
    }

    private static void requireValidOverdraft(long overdraftLimitMinor, boolean unlimitedOverdraft) {
        if (overdraftLimitMinor < 0) {
            throw new LedgerException(LedgerErrorCode.INVALID_OVERDRAFT_LIMIT,
                    "An overdraft limit cannot be negative.");
        }
        if (unlimitedOverdraft && overdraftLimitMinor != 0) {
            throw new LedgerException(LedgerErrorCode.INVALID_OVERDRAFT_LIMIT,
                    "An account has either an unlimited overdraft or an overdraft limit, not both.");
        }
    }
}
