package io.ledger.command.transfer;

import io.ledger.core.error.AmountTooLargeException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.error.SameAccountException;
import io.ledger.core.error.UnsupportedCurrencyException;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.transfer.TransferFundsCommand;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class TransferTest {

    private static final String TRANSFER_1 = "t-1";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String EUR = "EUR";

    private FixtureConfiguration<Transfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(AmountLimits.DEFAULT);
    }

    @Test
    void postingATransferRecordsBothAccountsTheAmountAndTheMetadata() {
        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 12_550, EUR, Map.of("invoice", "INV-1")))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new TransferPostedEvent(TRANSFER_1, ALICE, BOB, 12_550, EUR, Map.of("invoice", "INV-1")));
    }

    @Test
    void postingATransferKeepsItsMetadataInCanonicalKeyOrder() {
        Map<String, String> unordered = new LinkedHashMap<>();
        unordered.put("zeta", "1");
        unordered.put("alpha", "2");
        unordered.put("mu", "3");

        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 100, EUR, unordered))
               .expectEvents(new TransferPostedEvent(TRANSFER_1, ALICE, BOB, 100, EUR, unordered))
               .expectState(transfer -> assertThat(transfer.receipt().metadata())
                       .containsExactly(entry("alpha", "2"), entry("mu", "3"), entry("zeta", "1")));
    }

    @Test
    void postingATransferWithoutMetadataRecordsEmptyMetadata() {
        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 100, EUR, null))
               .expectEvents(new TransferPostedEvent(TRANSFER_1, ALICE, BOB, 100, EUR, Map.of()))
               .expectState(transfer -> assertThat(transfer.receipt().metadata()).isEmpty());
    }

    @Test
    void aPostedTransfersReceiptDescribesWhatWasPosted() {
        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 100, EUR, Map.of()))
               .expectState(transfer -> {
                   var receipt = transfer.receipt();
                   assertThat(receipt.transferId()).isEqualTo(TRANSFER_1);
                   assertThat(receipt.debitAccountId()).isEqualTo(ALICE);
                   assertThat(receipt.creditAccountId()).isEqualTo(BOB);
                   assertThat(receipt.amountMinor()).isEqualTo(100L);
                   assertThat(receipt.currency()).isEqualTo(EUR);
                   assertThat(receipt.status()).isEqualTo(TransferStatus.POSTED);
                   assertThat(receipt.kind()).isEqualTo(TransferKind.TRANSFER);
                   assertThat(receipt.createdAt()).isNotNull();
               });
    }

    @Test
    void acceptsAnAmountOfExactlyTheConfiguredMaximum() {
        fixture = fixtureWith(new AmountLimits(new BigDecimal("100"), Map.of()));

        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 10_000, EUR, Map.of()))
               .expectEvents(new TransferPostedEvent(TRANSFER_1, ALICE, BOB, 10_000, EUR, Map.of()));
    }

    @Test
    void refusesATransferBetweenAnAccountAndItself() {
        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, ALICE, 100, EUR, Map.of()))
               .expectException(SameAccountException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAZeroAmount() {
        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 0, EUR, Map.of()))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
    }

    @Test
    void refusesANegativeAmount() {
        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, -100, EUR, Map.of()))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAnAmountOneMinorUnitAboveTheConfiguredMaximum() {
        fixture = fixtureWith(new AmountLimits(new BigDecimal("100"), Map.of()));

        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 10_001, EUR, Map.of()))
               .expectException(AmountTooLargeException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAnAmountAboveThePerCurrencyMaximum() {
        fixture = fixtureWith(new AmountLimits(new BigDecimal("1000000"), Map.of("JPY", new BigDecimal("5000"))));

        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 5_001, "JPY", Map.of()))
               .expectException(AmountTooLargeException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAnUnsupportedCurrency() {
        fixture.givenNoPriorActivity()
               .when(transfer(ALICE, BOB, 100, "XTS", Map.of()))
               .expectException(UnsupportedCurrencyException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAnInvalidTransferId() {
        assertRefusedWithCode(new TransferFundsCommand("t 1", ALICE, BOB, 100, EUR, Map.of()), LedgerErrorCode.INVALID_ID);
    }

    @Test
    void refusesAnInvalidDebitAccountId() {
        assertRefusedWithCode(new TransferFundsCommand(TRANSFER_1, "al/ice", BOB, 100, EUR, Map.of()),
                LedgerErrorCode.INVALID_ID);
    }

    @Test
    void refusesAnInvalidCreditAccountId() {
        assertRefusedWithCode(new TransferFundsCommand(TRANSFER_1, ALICE, "", 100, EUR, Map.of()),
                LedgerErrorCode.INVALID_ID);
    }

    @Test
    void refusesAMissingCreditAccountId() {
        assertRefusedWithCode(new TransferFundsCommand(TRANSFER_1, ALICE, null, 100, EUR, Map.of()),
                LedgerErrorCode.INVALID_ID);
    }

    @Test
    void refusesMoreMetadataEntriesThanTheMaximum() {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            metadata.put("key" + i, "value");
        }

        assertRefusedWithCode(transfer(ALICE, BOB, 100, EUR, metadata), LedgerErrorCode.METADATA_TOO_LARGE);
    }

    @Test
    void refusesAMetadataKeyOutsideTheKeyAlphabet() {
        assertRefusedWithCode(transfer(ALICE, BOB, 100, EUR, Map.of("a b", "v")), LedgerErrorCode.INVALID_METADATA);
    }

    private void assertRefusedWithCode(TransferFundsCommand command, LedgerErrorCode expected) {
        fixture.givenNoPriorActivity()
               .when(command)
               .expectException(LedgerException.class)
               .expectNoEvents();
        // The fixture cannot hand out the exception it caught, so the code is checked on a direct construction;
        // validation runs before apply(), which is why no aggregate lifecycle is needed for a refusal.
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> new Transfer(command, AmountLimits.DEFAULT))
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }

    private static FixtureConfiguration<Transfer> fixtureWith(AmountLimits limits) {
        FixtureConfiguration<Transfer> configured = new AggregateTestFixture<>(Transfer.class);
        configured.registerInjectableResource(limits);
        return configured;
    }

    private static TransferFundsCommand transfer(String debit, String credit, long amountMinor, String currency,
                                                 Map<String, String> metadata) {
        return new TransferFundsCommand(TRANSFER_1, debit, credit, amountMinor, currency, metadata);
    }
}
