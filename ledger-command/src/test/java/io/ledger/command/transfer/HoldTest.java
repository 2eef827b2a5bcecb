package io.ledger.command.transfer;

import io.ledger.command.Replay;
import io.ledger.core.error.HoldStateException;
import io.ledger.core.error.InvalidAmountException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.ledger.core.money.AmountLimits;
import io.ledger.core.transfer.ExpireHoldCommand;
import io.ledger.core.transfer.HoldExpiredEvent;
import io.ledger.core.transfer.HoldPlacedEvent;
import io.ledger.core.transfer.HoldPostedEvent;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.HoldVoidedEvent;
import io.ledger.core.transfer.PlaceHoldCommand;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.ReversalPostedEvent;
import io.ledger.core.transfer.TransferKind;
import io.ledger.core.transfer.TransferPostedEvent;
import io.ledger.core.transfer.TransferStatus;
import io.ledger.core.transfer.VoidHoldCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The life of one hold: placed with an expiry, then exactly one outcome (posted, voided or expired). */
class HoldTest {

    private static final String HOLD_1 = "h-1";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String EUR = "EUR";
    /** When the hold was requested; given events are stamped with it too. */
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant EXPIRES_AT = T0.plusSeconds(60);
    private static final long MAX_TIMEOUT_SECONDS = Duration.ofDays(365).toSeconds();

    private FixtureConfiguration<Transfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Transfer.class);
        fixture.registerInjectableResource(AmountLimits.DEFAULT);
    }

    // Placing

    @Test
    void aHoldWithATimeoutExpiresThatManySecondsAfterItsRequest() {
        fixture.givenNoPriorActivity()
               .when(place(60L, null))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new HoldPlacedEvent(HOLD_1, ALICE, BOB, 1_000, EUR, Map.of("order", "O-1"), 60L,
                       EXPIRES_AT));
    }

    @Test
    void aHoldWithAnExpiryInstantExpiresExactlyThen() {
        Instant expiry = T0.plus(Duration.ofDays(7));

        fixture.givenNoPriorActivity()
               .when(place(null, expiry))
               .expectEvents(new HoldPlacedEvent(HOLD_1, ALICE, BOB, 1_000, EUR, Map.of("order", "O-1"), null,
                       expiry));
    }

    @Test
    void aPlacedHoldsReceiptDescribesAPendingHold() {
        fixture.givenNoPriorActivity()
               .when(place(60L, null))
               .expectState(hold -> {
                   var receipt = hold.receipt();
                   assertThat(receipt.kind()).isEqualTo(TransferKind.HOLD);
                   assertThat(receipt.status()).isEqualTo(TransferStatus.PENDING);
                   assertThat(receipt.amountMinor()).isEqualTo(1_000L);
                   assertThat(receipt.expiresAt()).isEqualTo(EXPIRES_AT);
                   assertThat(receipt.reversalOf()).isNull();
               });
    }

    @Test
    void acceptsATimeoutOfExactlyTheLongestHoldDuration() {
        fixture.givenNoPriorActivity()
               .when(place(MAX_TIMEOUT_SECONDS, null))
               .expectEvents(new HoldPlacedEvent(HOLD_1, ALICE, BOB, 1_000, EUR, Map.of("order", "O-1"),
                       MAX_TIMEOUT_SECONDS, T0.plusSeconds(MAX_TIMEOUT_SECONDS)));
    }

    @Test
    void acceptsAnExpiryInstantExactlyTheLongestHoldDurationAway() {
        Instant latest = T0.plusSeconds(MAX_TIMEOUT_SECONDS);

        fixture.givenNoPriorActivity()
               .when(place(null, latest))
               .expectEvents(new HoldPlacedEvent(HOLD_1, ALICE, BOB, 1_000, EUR, Map.of("order", "O-1"), null,
                       latest));
    }

    @Test
    void acceptsAnExpiryInstantOneSecondAfterTheRequest() {
        fixture.givenNoPriorActivity()
               .when(place(null, T0.plusSeconds(1)))
               .expectEvents(new HoldPlacedEvent(HOLD_1, ALICE, BOB, 1_000, EUR, Map.of("order", "O-1"), null,
                       T0.plusSeconds(1)));
    }

    @Test
    void refusesAHoldWithBothATimeoutAndAnExpiryInstant() {
        assertPlacementRefused(place(60L, EXPIRES_AT), LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void refusesAHoldWithNeitherATimeoutNorAnExpiryInstant() {
        assertPlacementRefused(place(null, null), LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void refusesATimeoutOfZero() {
        assertPlacementRefused(place(0L, null), LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void refusesANegativeTimeout() {
        assertPlacementRefused(place(-1L, null), LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void refusesATimeoutOneSecondBeyondTheLongestHoldDuration() {
        assertPlacementRefused(place(MAX_TIMEOUT_SECONDS + 1, null), LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void refusesAnExpiryInstantAtTheMomentOfTheRequest() {
        assertPlacementRefused(place(null, T0), LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void refusesAnExpiryInstantBeforeTheRequest() {
        assertPlacementRefused(place(null, T0.minusSeconds(1)), LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void refusesAnExpiryInstantOneSecondBeyondTheLongestHoldDuration() {
        assertPlacementRefused(place(null, T0.plusSeconds(MAX_TIMEOUT_SECONDS + 1)), LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void refusesAHoldOfZero() {
        assertPlacementRefused(new PlaceHoldCommand(HOLD_1, ALICE, BOB, 0, EUR, Map.of(), 60L, null, T0),
                LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesAHoldBetweenAnAccountAndItself() {
        assertPlacementRefused(new PlaceHoldCommand(HOLD_1, ALICE, ALICE, 1_000, EUR, Map.of(), 60L, null, T0),
                LedgerErrorCode.SAME_ACCOUNT);
    }

    // Posting

    @Test
    void postingAHoldInFullMovesTheWholeAmountAndReleasesNothing() {
        givenPlaced()
               .when(new PostHoldCommand(HOLD_1, null, T0.plusSeconds(10)))
               .expectEvents(new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 1_000, 0, EUR))
               .expectResultMessagePayload(resolution(TransferStatus.POSTED, 1_000, 0));
    }

    @Test
    void postingExactlyTheHeldAmountIsAPostInFull() {
        givenPlaced()
               .when(new PostHoldCommand(HOLD_1, "10.00", T0.plusSeconds(10)))
               .expectEvents(new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 1_000, 0, EUR));
    }

    @Test
    void postingAHoldInPartMovesThatPartAndReleasesTheRest() {
        givenPlaced()
               .when(new PostHoldCommand(HOLD_1, "3.00", T0.plusSeconds(10)))
               .expectEvents(new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 300, 700, EUR))
               .expectResultMessagePayload(resolution(TransferStatus.POSTED, 300, 700));
    }

    @Test
    void postingOneSecondBeforeTheExpiryIsAllowed() {
        givenPlaced()
               .when(new PostHoldCommand(HOLD_1, "0.01", EXPIRES_AT.minusSeconds(1)))
               .expectEvents(new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 1, 999, EUR));
    }

    @Test
    void refusesToPostMoreThanIsHeld() {
        assertRefused(new Object[]{placed()}, new PostHoldCommand(HOLD_1, "10.01", T0.plusSeconds(10)),
                LedgerErrorCode.POST_AMOUNT_EXCEEDS_HOLD);
    }

    @Test
    void refusesToPostZero() {
        givenPlaced()
               .when(new PostHoldCommand(HOLD_1, "0.00", T0.plusSeconds(10)))
               .expectException(InvalidAmountException.class)
               .expectNoEvents();
        assertCode(new Object[]{placed()}, new PostHoldCommand(HOLD_1, "0", T0.plusSeconds(10)),
                LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesToPostANegativeAmount() {
        assertRefused(new Object[]{placed()}, new PostHoldCommand(HOLD_1, "-1.00", T0.plusSeconds(10)),
                LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesAPostAmountWithMoreFractionDigitsThanTheHoldsCurrency() {
        assertRefused(new Object[]{placed()}, new PostHoldCommand(HOLD_1, "3.001", T0.plusSeconds(10)),
                LedgerErrorCode.INVALID_AMOUNT);
    }

    @Test
    void refusesAMalformedPostAmount() {
        assertRefused(new Object[]{placed()}, new PostHoldCommand(HOLD_1, "3,00", T0.plusSeconds(10)),
                LedgerErrorCode.MALFORMED_AMOUNT);
    }

    @Test
    void refusesToPostAtTheMomentTheHoldExpires() {
        assertRefused(new Object[]{placed()}, new PostHoldCommand(HOLD_1, null, EXPIRES_AT),
                LedgerErrorCode.HOLD_EXPIRED);
    }

    @Test
    void refusesToPostAfterTheExpiryEvenBeforeTheHoldIsMarkedExpired() {
        assertRefused(new Object[]{placed()}, new PostHoldCommand(HOLD_1, null, EXPIRES_AT.plusSeconds(3_600)),
                LedgerErrorCode.HOLD_EXPIRED);
    }

    @Test
    void refusesToPostAVoidedHold() {
        assertRefused(new Object[]{placed(), voided()}, new PostHoldCommand(HOLD_1, null, T0.plusSeconds(10)),
                LedgerErrorCode.HOLD_ALREADY_VOIDED);
    }

    @Test
    void refusesToPostAnExpiredHold() {
        assertRefused(new Object[]{placed(), expired()}, new PostHoldCommand(HOLD_1, null, T0.plusSeconds(10)),
                LedgerErrorCode.HOLD_EXPIRED);
    }

    @Test
    void repeatingAPostWithTheSameAmountWritesNothingAndAnswersTheSameResolution() {
        givenPlaced(new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 300, 700, EUR))
               .when(new PostHoldCommand(HOLD_1, "3.00", T0.plusSeconds(20)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(resolution(TransferStatus.POSTED, 300, 700));
    }

    @Test
    void repeatingAFullPostWithoutAnAmountWritesNothingAndAnswersTheSameResolution() {
        givenPlaced(new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 1_000, 0, EUR))
               .when(new PostHoldCommand(HOLD_1, null, T0.plusSeconds(20)))
               .expectNoEvents()
               .expectResultMessagePayload(resolution(TransferStatus.POSTED, 1_000, 0));
    }

    @Test
    void aRepeatedPostIsRecognisedEvenAfterTheExpiry() {
        givenPlaced(new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 300, 700, EUR))
               .when(new PostHoldCommand(HOLD_1, "3.00", EXPIRES_AT.plusSeconds(3_600)))
               .expectNoEvents()
               .expectResultMessagePayload(resolution(TransferStatus.POSTED, 300, 700));
    }

    @Test
    void refusesAPostWithAnotherAmountAfterAPost() {
        assertRefused(new Object[]{placed(), new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 300, 700, EUR)},
                new PostHoldCommand(HOLD_1, "3.01", T0.plusSeconds(20)), LedgerErrorCode.HOLD_ALREADY_POSTED);
    }

    @Test
    void refusesAPostInFullAfterAPostInPart() {
        assertRefused(new Object[]{placed(), new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 300, 700, EUR)},
                new PostHoldCommand(HOLD_1, null, T0.plusSeconds(20)), LedgerErrorCode.HOLD_ALREADY_POSTED);
    }

    // Voiding

    @Test
    void voidingAPendingHoldReleasesTheWholeAmount() {
        givenPlaced()
               .when(new VoidHoldCommand(HOLD_1, T0.plusSeconds(10)))
               .expectEvents(voided())
               .expectResultMessagePayload(resolution(TransferStatus.VOIDED, 0, 1_000));
    }

    @Test
    void voidingOneSecondBeforeTheExpiryIsAllowed() {
        givenPlaced()
               .when(new VoidHoldCommand(HOLD_1, EXPIRES_AT.minusSeconds(1)))
               .expectEvents(voided());
    }

    @Test
    void refusesToVoidAtTheMomentTheHoldExpires() {
        assertRefused(new Object[]{placed()}, new VoidHoldCommand(HOLD_1, EXPIRES_AT), LedgerErrorCode.HOLD_EXPIRED);
    }

    @Test
    void refusesToVoidAfterTheExpiry() {
        assertRefused(new Object[]{placed()}, new VoidHoldCommand(HOLD_1, EXPIRES_AT.plusSeconds(1)),
                LedgerErrorCode.HOLD_EXPIRED);
    }

    @Test
    void refusesToVoidAPostedHold() {
        assertRefused(new Object[]{placed(), new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 1_000, 0, EUR)},
                new VoidHoldCommand(HOLD_1, T0.plusSeconds(20)), LedgerErrorCode.HOLD_ALREADY_POSTED);
    }

    @Test
    void refusesToVoidAnExpiredHold() {
        assertRefused(new Object[]{placed(), expired()}, new VoidHoldCommand(HOLD_1, T0.plusSeconds(20)),
                LedgerErrorCode.HOLD_EXPIRED);
    }

    @Test
    void repeatingAVoidWritesNothingAndAnswersTheSameResolution() {
        givenPlaced(voided())
               .when(new VoidHoldCommand(HOLD_1, T0.plusSeconds(20)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(resolution(TransferStatus.VOIDED, 0, 1_000));
    }

    // Expiring

    @Test
    void refusesToExpireAHoldBeforeItsExpiry() {
        assertRefused(new Object[]{placed()}, new ExpireHoldCommand(HOLD_1, EXPIRES_AT.minusSeconds(1)),
                LedgerErrorCode.INVALID_EXPIRY);
    }

    @Test
    void expiresAHoldAtTheMomentOfItsExpiry() {
        givenPlaced()
               .when(new ExpireHoldCommand(HOLD_1, EXPIRES_AT))
               .expectEvents(expired())
               .expectResultMessagePayload(resolution(TransferStatus.EXPIRED, 0, 1_000));
    }

    @Test
    void expiresAHoldAfterItsExpiry() {
        givenPlaced()
               .when(new ExpireHoldCommand(HOLD_1, EXPIRES_AT.plus(Duration.ofDays(2))))
               .expectEvents(expired());
    }

    @Test
    void expiringAHoldTwiceWritesNothingTheSecondTime() {
        givenPlaced(expired())
               .when(new ExpireHoldCommand(HOLD_1, EXPIRES_AT.plusSeconds(30)))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(resolution(TransferStatus.EXPIRED, 0, 1_000));
    }

    @Test
    void refusesToExpireAPostedHold() {
        assertRefused(new Object[]{placed(), new HoldPostedEvent(HOLD_1, ALICE, BOB, 1_000, 1_000, 0, EUR)},
                new ExpireHoldCommand(HOLD_1, EXPIRES_AT), LedgerErrorCode.HOLD_ALREADY_POSTED);
    }

    @Test
    void refusesToExpireAVoidedHold() {
        assertRefused(new Object[]{placed(), voided()}, new ExpireHoldCommand(HOLD_1, EXPIRES_AT),
                LedgerErrorCode.HOLD_ALREADY_VOIDED);
    }

    // Only holds have an outcome

    @ParameterizedTest
    @MethodSource("outcomes")
    void refusesToGiveAPlainTransferTheOutcomeOfAHold(Object outcome) {
        assertRefused(new Object[]{new TransferPostedEvent(HOLD_1, ALICE, BOB, 1_000, EUR, Map.of())}, outcome,
                LedgerErrorCode.NOT_A_HOLD);
    }

    @ParameterizedTest
    @MethodSource("outcomes")
    void refusesToGiveAReversalTheOutcomeOfAHold(Object outcome) {
        assertRefused(new Object[]{new ReversalPostedEvent(HOLD_1, "t-0", BOB, ALICE, 1_000, EUR, Map.of())},
                outcome, LedgerErrorCode.NOT_A_HOLD);
    }

    static Stream<Named<Object>> outcomes() {
        return Stream.of(
                Named.of("post", new PostHoldCommand(HOLD_1, null, T0.plusSeconds(10))),
                Named.of("void", new VoidHoldCommand(HOLD_1, T0.plusSeconds(10))),
                Named.of("expiry", new ExpireHoldCommand(HOLD_1, EXPIRES_AT)));
    }

    // Helpers

    private TestExecutor<Transfer> givenPlaced(Object... laterEvents) {
        return fixture.givenCurrentTime(T0).andGiven(placed()).andGiven(laterEvents);
    }

    private void assertPlacementRefused(PlaceHoldCommand command, LedgerErrorCode expected) {
        fixture.givenNoPriorActivity()
               .when(command)
               .expectException(LedgerException.class)
               .expectNoEvents();
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> new Transfer(command, AmountLimits.DEFAULT))
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }

    private void assertRefused(Object[] given, Object command, LedgerErrorCode expected) {
        fixture.givenCurrentTime(T0).andGiven(given)
               .when(command)
               .expectException(LedgerException.class)
               .expectNoEvents();
        assertCode(given, command, expected);
    }

    /** Outcome refusals of a hold that exists are always {@link HoldStateException}s or plain ledger refusals. */
    private static void assertCode(Object[] given, Object command, LedgerErrorCode expected) {
        Transfer transfer = Replay.aggregate(Transfer.class, given);
        assertThatExceptionOfType(LedgerException.class)
                .isThrownBy(() -> handleDirectly(transfer, command))
                .extracting(LedgerException::code)
                .isEqualTo(expected);
    }

    static void handleDirectly(Transfer transfer, Object command) {
        if (command instanceof PostHoldCommand post) {
            transfer.handle(post);
        } else if (command instanceof VoidHoldCommand voidHold) {
            transfer.handle(voidHold);
        } else if (command instanceof ExpireHoldCommand expire) {
            transfer.handle(expire);
        } else if (command instanceof RecordReversalCommand reversal) {
            transfer.handle(reversal);
        } else {
            throw new IllegalArgumentException("Not a command on an existing transfer: " + command);
        }
    }

    private static PlaceHoldCommand place(Long timeoutSeconds, Instant expiresAt) {
        return new PlaceHoldCommand(HOLD_1, ALICE, BOB, 1_000, EUR, Map.of("order", "O-1"), timeoutSeconds, expiresAt,
                T0);
    }

    private static HoldPlacedEvent placed() {
        return new HoldPlacedEvent(HOLD_1, ALICE, BOB, 1_000, EUR, Map.of(), 60L, EXPIRES_AT);
    }

    private static HoldVoidedEvent voided() {
        return new HoldVoidedEvent(HOLD_1, ALICE, BOB, 1_000, EUR);
    }

    private static HoldExpiredEvent expired() {
        return new HoldExpiredEvent(HOLD_1, ALICE, BOB, 1_000, EUR, EXPIRES_AT);
    }

    /** The fixture stamps every event with T0, so a resolution's time is T0 too. */
    private static HoldResolution resolution(TransferStatus status, long postedMinor, long releasedMinor) {
        return new HoldResolution(HOLD_1, ALICE, BOB, status, 1_000, postedMinor, releasedMinor, EUR, T0);
    }
}
