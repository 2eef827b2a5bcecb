package io.ledger.command.account;

import io.ledger.command.StreamIds;
import io.ledger.core.LedgerIds;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountOpenedEvent;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.BalanceOverflowException;
import io.ledger.core.error.CurrencyMismatchException;
import io.ledger.core.error.IdConflictException;
import io.ledger.core.error.InsufficientFundsException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.money.Currencies;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account: its currency, its overdraft rule and its posted balance (credits minus debits, in minor units).
 * It guards its own invariants: the currency of every leg matches, the balance never leaves its overdraft limit,
 * and no arithmetic overflows.
 */
public class Account {

    static final int MAX_NAME_LENGTH = 200;

    @AggregateIdentifier
    private String streamId;
    private String accountId;
    private String currency;
    private String name;
    private long overdraftLimitMinor;
    private boolean unlimitedOverdraft;
    private long postedMinor;
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

    @CommandHandler
    public void handle(DebitAccountCommand command) {
        requirePositive(command.amountMinor());
        requireCurrency(command.currency());
        long balanceAfter;
        try {
            balanceAfter = Math.subtractExact(postedMinor, command.amountMinor());
        } catch (ArithmeticException overflow) {
            throw new BalanceOverflowException("Account " + accountId + " cannot be debited by that amount.");
        }
        if (!unlimitedOverdraft && balanceAfter < -overdraftLimitMinor) {
            throw new InsufficientFundsException("Account " + accountId + " has insufficient funds for this transfer.");
        }
        apply(new AccountDebitedEvent(accountId, command.transferId(), command.counterpartyAccountId(),
                command.amountMinor(), command.currency()));
    }

    @CommandHandler
    public void handle(CreditAccountCommand command) {
        requirePositive(command.amountMinor());
        requireCurrency(command.currency());
        try {
            Math.addExact(postedMinor, command.amountMinor());
        } catch (ArithmeticException overflow) {
            throw new BalanceOverflowException("Account " + accountId + " cannot be credited by that amount.");
        }
        apply(new AccountCreditedEvent(accountId, command.transferId(), command.counterpartyAccountId(),
                command.amountMinor(), command.currency()));
    }

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

    @EventSourcingHandler
    void on(AccountOpenedEvent event, @Timestamp Instant recordedAt) {
        streamId = StreamIds.account(event.accountId());
        accountId = event.accountId();
        currency = event.currency();
        name = event.name();
        overdraftLimitMinor = event.overdraftLimitMinor();
        unlimitedOverdraft = event.unlimitedOverdraft();
        postedMinor = 0;
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

    private void requireCurrency(String legCurrency) {
        if (!currency.equals(legCurrency)) {
            throw new CurrencyMismatchException(
                    "Account " + accountId + " holds " + currency + ", not " + legCurrency + ".");
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

    private static void requireValidOverdraft(long overdraftLimitMinor, boolean unlimitedOverdraft) {
        if (overdraftLimitMinor < 0) {
            throw new LedgerException(LedgerErrorCode.INVALID_OVERDRAFT_LIMIT, "An overdraft limit cannot be negative.");
        }
        if (unlimitedOverdraft && overdraftLimitMinor != 0) {
            throw new LedgerException(LedgerErrorCode.INVALID_OVERDRAFT_LIMIT,
                    "An account has either an unlimited overdraft or an overdraft limit, not both.");
        }
    }
}
