package io.ledger.command.transfer;

import io.ledger.command.LedgerRepositories;
import io.ledger.command.account.AccountCommandHandler;
import io.ledger.core.CommandOutcome;
import io.ledger.core.account.AccountCreditedEvent;
import io.ledger.core.account.AccountDebitedEvent;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.AccountNotFoundException;
import io.ledger.core.error.CurrencyMismatchException;
import io.ledger.core.error.IdConflictException;
import io.ledger.core.error.InsufficientFundsException;
import io.ledger.core.error.SameAccountException;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.TransferStatus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Runs transfers through a real command bus, repositories and event store, so that what is asserted is what the
 * store holds after the unit of work has committed or rolled back.
 */
class TransferCommandHandlerTest {

    private static final String EUR = "EUR";
    private static final String SETTLEMENT = "settlement.eur";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL_USD = "carol-usd";

    private InMemoryEventStorageEngine storageEngine;
    private EmbeddedEventStore store;
    private CommandGateway gateway;

    @BeforeEach
    void setUp() {
        storageEngine = new InMemoryEventStorageEngine();
        store = EmbeddedEventStore.builder().storageEngine(storageEngine).build();
        var accounts = LedgerRepositories.accounts(store);
        var transfers = LedgerRepositories.transfers(store, AmountLimits.DEFAULT);
        CommandBus bus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new AccountCommandHandler(accounts)).subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(
                new TransferCommandHandler(transfers, accounts, storageEngine, AmountLimits.DEFAULT)).subscribe(bus);
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        open(new OpenAccountCommand(SETTLEMENT, EUR, "Settlement", 0, true));
        open(new OpenAccountCommand(ALICE, EUR, "Alice", 0, false));
        open(new OpenAccountCommand(BOB, EUR, "Bob", 0, false));
        open(new OpenAccountCommand(CAROL_USD, "USD", "Carol", 0, false));
        send(new TransferFundsCommand("funding-alice", SETTLEMENT, ALICE, 10_000, EUR, Map.of()));
    }

    @AfterEach
    void tearDown() {
        store.shutDown();
    }

    // Posting

    @Test
    void aTransferWritesExactlyTheTransferRecordAndBothLegs() {
        long before = allEventCount();

        send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of("invoice", "INV-1")));

        assertThat(allEventCount() - before).isEqualTo(3);
        assertThat(payloadsOf("transfer:t-1"))
                .containsExactly(new TransferPostedEvent("t-1", ALICE, BOB, 2_500, EUR, Map.of("invoice", "INV-1")));
        assertThat(payloadsOf("account:" + ALICE))
                .last().isEqualTo(new AccountDebitedEvent(ALICE, "t-1", BOB, 2_500, EUR));
        assertThat(payloadsOf("account:" + BOB))
                .last().isEqualTo(new AccountCreditedEvent(BOB, "t-1", ALICE, 2_500, EUR));
    }

    @Test
    void aTransferWritesItsEventsToTheStreamsOfTheTransferAndTheTwoAccounts() {
        long before = allEventCount();

        send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of()));

        assertThat(storageEngine.readEvents(null, false).skip(before).map(DomainEventMessage.class::cast).toList())
                .extracting(DomainEventMessage::getAggregateIdentifier, EventMessage::getPayloadType)
                .containsExactlyInAnyOrder(
                        tuple("transfer:t-1", TransferPostedEvent.class),
                        tuple("account:" + ALICE, AccountDebitedEvent.class),
                        tuple("account:" + BOB, AccountCreditedEvent.class));
    }

    @Test
    void aTransferAnswersWithAReceiptOfWhatWasPosted() {
        CommandOutcome<TransferReceipt> outcome =
                send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of("invoice", "INV-1")));

        assertThat(outcome.repeated()).isFalse();
        assertThat(outcome.result().transferId()).isEqualTo("t-1");
        assertThat(outcome.result().debitAccountId()).isEqualTo(ALICE);
        assertThat(outcome.result().creditAccountId()).isEqualTo(BOB);
        assertThat(outcome.result().amountMinor()).isEqualTo(2_500L);
        assertThat(outcome.result().currency()).isEqualTo(EUR);
        assertThat(outcome.result().metadata()).containsExactly(Map.entry("invoice", "INV-1"));
        assertThat(outcome.result().status()).isEqualTo(TransferStatus.POSTED);
        assertThat(outcome.result().kind()).isEqualTo(TransferKind.TRANSFER);
        assertThat(outcome.result().createdAt()).isNotNull();
    }

    @Test
    void aTransferMovesTheFundsSoThatTheyCannotBeSpentTwice() {
        send(new TransferFundsCommand("t-1", ALICE, BOB, 10_000, EUR, Map.of()));
        long before = allEventCount();

        assertThatExceptionOfType(InsufficientFundsException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-2", ALICE, BOB, 1, EUR, Map.of())));
        assertThat(allEventCount()).isEqualTo(before);
    }

    @Test
    void aTransferCreditedToAnAccountCanBeSpentFromIt() {
        send(new TransferFundsCommand("t-1", ALICE, BOB, 10_000, EUR, Map.of()));

        CommandOutcome<TransferReceipt> outcome = send(new TransferFundsCommand("t-2", BOB, ALICE, 10_000, EUR, Map.of()));

        assertThat(outcome.repeated()).isFalse();
        assertThat(payloadsOf("account:" + BOB)).last().isEqualTo(new AccountDebitedEvent(BOB, "t-2", ALICE, 10_000, EUR));
    }

    // Idempotency

    @Test
    void aRepeatWithTheSameContentReturnsTheOriginalReceiptAndWritesNothing() {
        CommandOutcome<TransferReceipt> original =
                send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of("invoice", "INV-1")));
        long before = allEventCount();

        CommandOutcome<TransferReceipt> repeat =
                send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of("invoice", "INV-1")));

        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.result()).isEqualTo(original.result());
        assertThat(allEventCount()).isEqualTo(before);
    }

    @Test
    void aRepeatIsRecognisedEvenWhenTheFundsWouldNoLongerSuffice() {
        send(new TransferFundsCommand("t-1", ALICE, BOB, 10_000, EUR, Map.of()));
        long before = allEventCount();

        CommandOutcome<TransferReceipt> repeat = send(new TransferFundsCommand("t-1", ALICE, BOB, 10_000, EUR, Map.of()));

        assertThat(repeat.repeated()).isTrue();
        assertThat(allEventCount()).isEqualTo(before);
    }

    @Test
    void reusingATransferIdWithADifferentAmountIsAConflictAndWritesNothing() {
        send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of()));
        long before = allEventCount();

        assertThatExceptionOfType(IdConflictException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", ALICE, BOB, 2_501, EUR, Map.of())));
        assertThat(allEventCount()).isEqualTo(before);
    }

    @Test
    void reusingATransferIdWithDifferentMetadataIsAConflict() {
        send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of("invoice", "INV-1")));

        assertThatExceptionOfType(IdConflictException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of("invoice", "INV-2"))));
    }

    @Test
    void reusingATransferIdWithTheAccountsSwappedIsAConflict() {
        send(new TransferFundsCommand("t-1", ALICE, BOB, 2_500, EUR, Map.of()));

        assertThatExceptionOfType(IdConflictException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", BOB, ALICE, 2_500, EUR, Map.of())));
    }

    @Test
    void aTransferIdAndAnAccountIdMayBeTheSameWithoutSharingAStream() {
        CommandOutcome<TransferReceipt> outcome = send(new TransferFundsCommand(ALICE, ALICE, BOB, 100, EUR, Map.of()));

        assertThat(outcome.repeated()).isFalse();
        assertThat(payloadsOf("transfer:" + ALICE)).hasSize(1);
    }

    // Atomicity: a refusal anywhere leaves the store exactly as it was

    @Test
    void aTransferToAnUnknownAccountIsRefusedAndWritesNothingAnywhere() {
        long before = allEventCount();

        assertThatExceptionOfType(AccountNotFoundException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", ALICE, "nobody", 100, EUR, Map.of())));
        assertThat(allEventCount()).isEqualTo(before);
        assertThat(payloadsOf("transfer:t-1")).isEmpty();
    }

    @Test
    void aTransferFromAnUnknownAccountIsRefusedAndWritesNothingAnywhere() {
        long before = allEventCount();

        assertThatExceptionOfType(AccountNotFoundException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", "nobody", BOB, 100, EUR, Map.of())));
        assertThat(allEventCount()).isEqualTo(before);
    }

    @Test
    void aRefusedTransferLeavesItsIdFreeForALaterAttempt() {
        assertThatExceptionOfType(AccountNotFoundException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", ALICE, "dave", 100, EUR, Map.of())));
        open(new OpenAccountCommand("dave", EUR, "Dave", 0, false));

        CommandOutcome<TransferReceipt> retry = send(new TransferFundsCommand("t-1", ALICE, "dave", 100, EUR, Map.of()));

        assertThat(retry.repeated()).isFalse();
        assertThat(payloadsOf("account:dave")).last().isEqualTo(new AccountCreditedEvent("dave", "t-1", ALICE, 100, EUR));
    }

    @Test
    void aCurrencyMismatchOnTheCreditSideWritesNeitherTheTransferNorTheDebitLeg() {
        int aliceEventsBefore = payloadsOf("account:" + ALICE).size();
        long before = allEventCount();

        assertThatExceptionOfType(CurrencyMismatchException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", ALICE, CAROL_USD, 100, EUR, Map.of())));
        assertThat(allEventCount()).isEqualTo(before);
        assertThat(payloadsOf("account:" + ALICE)).hasSize(aliceEventsBefore);
        assertThat(payloadsOf("transfer:t-1")).isEmpty();
    }

    @Test
    void aCurrencyMismatchOnTheDebitSideWritesNothing() {
        long before = allEventCount();

        assertThatExceptionOfType(CurrencyMismatchException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", CAROL_USD, ALICE, 100, EUR, Map.of())));
        assertThat(allEventCount()).isEqualTo(before);
    }

    @Test
    void aTransferBeyondTheOverdraftLimitIsRefusedAndWritesNothing() {
        long before = allEventCount();

        assertThatExceptionOfType(InsufficientFundsException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", ALICE, BOB, 10_001, EUR, Map.of())));
        assertThat(allEventCount()).isEqualTo(before);
        assertThat(payloadsOf("transfer:t-1")).isEmpty();
    }

    @Test
    void aTransferRefusedByItsOwnRulesWritesNothing() {
        long before = allEventCount();

        assertThatExceptionOfType(SameAccountException.class)
                .isThrownBy(() -> send(new TransferFundsCommand("t-1", ALICE, ALICE, 100, EUR, Map.of())));
        assertThat(allEventCount()).isEqualTo(before);
    }

    // Opening accounts through the handler

    @Test
    void openingAnAccountAnswersWithACreatedOutcome() {
        CommandOutcome<AccountReceipt> outcome = open(new OpenAccountCommand("erin", EUR, "Erin", 500, false));

        assertThat(outcome.repeated()).isFalse();
        assertThat(outcome.result().accountId()).isEqualTo("erin");
        assertThat(outcome.result().overdraftLimitMinor()).isEqualTo(500L);
        assertThat(outcome.result().openedAt()).isNotNull();
    }

    @Test
    void repeatingAnOpenWithTheSameContentReturnsTheOriginalReceiptAndWritesNothing() {
        CommandOutcome<AccountReceipt> original = open(new OpenAccountCommand("erin", EUR, "Erin", 500, false));
        long before = allEventCount();

        CommandOutcome<AccountReceipt> repeat = open(new OpenAccountCommand("erin", EUR, "Erin", 500, false));

        assertThat(repeat.repeated()).isTrue();
        assertThat(repeat.result()).isEqualTo(original.result());
        assertThat(allEventCount()).isEqualTo(before);
    }

    @Test
    void reopeningAnAccountWithADifferentNameIsAConflictAndWritesNothing() {
        open(new OpenAccountCommand("erin", EUR, "Erin", 500, false));
        long before = allEventCount();

        assertThatExceptionOfType(IdConflictException.class)
                .isThrownBy(() -> open(new OpenAccountCommand("erin", EUR, "Erin B.", 500, false)));
        assertThat(allEventCount()).isEqualTo(before);
    }

    @Test
    void reopeningAnAccountInADifferentCurrencyIsAConflict() {
        open(new OpenAccountCommand("erin", EUR, "Erin", 500, false));

        assertThatExceptionOfType(IdConflictException.class)
                .isThrownBy(() -> open(new OpenAccountCommand("erin", "USD", "Erin", 500, false)));
    }

    private CommandOutcome<AccountReceipt> open(OpenAccountCommand command) {
        return gateway.sendAndWait(command);
    }

    private CommandOutcome<TransferReceipt> send(TransferFundsCommand command) {
        return gateway.sendAndWait(command);
    }

    private List<Object> payloadsOf(String streamId) {
        return store.readEvents(streamId).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    private long allEventCount() {
        return storageEngine.readEvents(null, false).count();
    }
}
