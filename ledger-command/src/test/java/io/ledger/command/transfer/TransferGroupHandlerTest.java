package io.ledger.command.transfer;

import io.ledger.command.CommandSide;
import io.ledger.command.CommandSide.Balance;
import io.ledger.command.LedgerRepositories;
import io.ledger.command.account.AccountCommandHandler;
import io.ledger.core.CommandOutcome;
import io.ledger.core.StreamIds;
import io.ledger.core.account.OpenAccountCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferReceipt;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/** Group commit: single transfers written together, each with its own outcome and its own origin. */
class TransferGroupHandlerTest {

    private static final String EUR = "EUR";
    private static final String SETTLEMENT = "settlement.eur";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL_USD = "carol-usd";

    private CommandSide ledger;

    @BeforeEach
    void setUp() {
        ledger = new CommandSide();
        ledger.send(new OpenAccountCommand(SETTLEMENT, EUR, "Settlement", 0, true));
        ledger.send(new OpenAccountCommand(ALICE, EUR, "Alice", 0, false));
        ledger.send(new OpenAccountCommand(BOB, EUR, "Bob", 0, false));
        ledger.send(new OpenAccountCommand(CAROL_USD, "USD", "Carol", 0, false));
        ledger.send(transfer("funding-alice", SETTLEMENT, ALICE, 10_000));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void eachMemberIsWrittenRefusedOrRepeatedOnItsOwn() {
        long before = ledger.eventCount();

        TransferGroupResult result = ledger.send(new TransferGroupCommand(List.of(
                member(transfer("t-1", ALICE, BOB, 4_000), "request-1"),
                member(transfer("t-2", ALICE, BOB, 7_000), "request-2"),
                member(transfer("t-3", ALICE, CAROL_USD, 100), "request-3"),
                member(transfer("t-1", ALICE, BOB, 4_000), "request-4"),
                member(transfer("t-4", BOB, SETTLEMENT, 1_000), "request-5"))));

        assertThat(result.outcomes()).hasSize(5);
        assertWritten(result.outcomes().get(0), "t-1", false);
        assertRefused(result.outcomes().get(1), LedgerErrorCode.INSUFFICIENT_FUNDS);
        assertRefused(result.outcomes().get(2), LedgerErrorCode.CURRENCY_MISMATCH);
        assertWritten(result.outcomes().get(3), "t-1", true);
        // t-4 spends what t-1 credited earlier in the same unit of work.
        assertWritten(result.outcomes().get(4), "t-4", false);
        assertThat(ledger.balanceOf(ALICE)).isEqualTo(new Balance(6_000, 0, 0));
        assertThat(ledger.balanceOf(BOB)).isEqualTo(new Balance(3_000, 0, 0));
        assertThat(ledger.balanceOf(CAROL_USD)).isEqualTo(new Balance(0, 0, 0));
        assertThat(ledger.transferEvents("t-2")).isEmpty();
        assertThat(ledger.transferEvents("t-3")).isEmpty();
        // Two transfers of three events each: the refusals and the repeat wrote nothing.
        assertThat(ledger.eventCount()).isEqualTo(before + 6);
    }

    @Test
    void everyEventCarriesTheOriginOfItsOwnMember() {
        ledger.send(GenericCommandMessage.asCommandMessage(new TransferGroupCommand(List.of(
                        member(transfer("t-1", ALICE, BOB, 100), "request-1"),
                        member(transfer("t-2", BOB, ALICE, 50), "request-2"))))
                .andMetaData(Map.of("requestId", "the-group", "principal", "system:group-commit")));

        assertThat(ledger.messagesOf(StreamIds.transfer("t-1")))
                .extracting(message -> message.getMetaData().get("requestId"),
                        message -> message.getMetaData().get("principal"))
                .containsOnly(tuple("request-1", "client-of-request-1"));
        assertThat(ledger.messagesOf(StreamIds.transfer("t-2")))
                .extracting(message -> message.getMetaData().get("requestId"))
                .containsOnly("request-2");
        assertThat(ledger.messagesOf(StreamIds.account(ALICE)))
                .filteredOn(message -> !message.getMetaData().isEmpty())
                .extracting(message -> message.getMetaData().get("requestId"))
                .endsWith("request-1", "request-2");
    }

    @Test
    void aMemberThatFailsOtherwiseThanByARefusalTakesTheWholeGroupBack() {
        try (var failing = new FailingSide("t-2")) {
            long before = failing.storage.readEvents(null, false).count();

            assertThatIllegalStateException().isThrownBy(() -> failing.gateway.sendAndWait(
                    new TransferGroupCommand(List.of(
                            member(transfer("t-1", ALICE, BOB, 100), "request-1"),
                            member(transfer("t-2", ALICE, BOB, 100), "request-2")))));

            assertThat(failing.storage.readEvents(null, false).count()).isEqualTo(before);
        }
    }

    private static void assertWritten(TransferGroupResult.MemberOutcome outcome, String transferId, boolean repeated) {
        assertThat(outcome).isInstanceOfSatisfying(TransferGroupResult.Written.class, written -> {
            CommandOutcome<TransferReceipt> answer = written.outcome();
            assertThat(answer.result().transferId()).isEqualTo(transferId);
            assertThat(answer.repeated()).isEqualTo(repeated);
        });
    }

    private static void assertRefused(TransferGroupResult.MemberOutcome outcome, LedgerErrorCode code) {
        assertThat(outcome).isInstanceOfSatisfying(TransferGroupResult.Refused.class,
                refused -> assertThat(refused.refusal().code()).isEqualTo(code));
    }

    private static TransferGroupCommand.Member member(TransferFundsCommand command, String requestId) {
        return new TransferGroupCommand.Member(command,
                Map.of("requestId", requestId, "principal", "client-of-" + requestId));
    }

    private static TransferFundsCommand transfer(String transferId, String debit, String credit, long amountMinor) {
        return new TransferFundsCommand(transferId, debit, credit, amountMinor, EUR, Map.of());
    }

    /** A write side whose transfer handler fails, after applying its events, on one transfer id. */
    private static final class FailingSide implements AutoCloseable {

        final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
        final CommandGateway gateway;

        FailingSide(String failingTransferId) {
            var accounts = LedgerRepositories.accounts(store);
            var transfers = LedgerRepositories.transfers(store, AmountLimits.DEFAULT);
            var failing = new TransferCommandHandler(transfers, accounts, storage, AmountLimits.DEFAULT) {
                @Override
                public CommandOutcome<TransferReceipt> handle(TransferFundsCommand command) {
                    CommandOutcome<TransferReceipt> outcome = super.handle(command);
                    if (command.transferId().equals(failingTransferId)) {
                        throw new IllegalStateException("a failure that is not a refusal");
                    }
                    return outcome;
                }
            };
            CommandBus bus = SimpleCommandBus.builder().build();
            new AnnotationCommandHandlerAdapter<>(new AccountCommandHandler(accounts)).subscribe(bus);
            new AnnotationCommandHandlerAdapter<>(new TransferGroupHandler(failing, accounts)).subscribe(bus);
            gateway = DefaultCommandGateway.builder().commandBus(bus).build();
            gateway.sendAndWait(new OpenAccountCommand(ALICE, EUR, "Alice", 100_000, false));
            gateway.sendAndWait(new OpenAccountCommand(BOB, EUR, "Bob", 0, false));
        }

        @Override
        public void close() {
            store.shutDown();
        }
    }
}
