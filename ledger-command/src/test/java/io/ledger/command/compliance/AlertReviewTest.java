package io.ledger.command.compliance;

import io.ledger.core.CommandOutcome;
import io.ledger.core.compliance.AlertReviewedEvent;
import io.ledger.core.compliance.ReviewAlertCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;


class AlertReviewTest {

    private static final String ALERT = "LARGE_TRANSACTION:t-1";

    private FixtureConfiguration<AlertReview> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AlertReview.class);
    }

    @Test
    void reviewingAnAlertRecordsTheReviewerAndTheNote() {
        fixture.givenNoPriorActivity()
               .when(new ReviewAlertCommand(ALERT, "auditor-1", "Known customer, salary"))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new AlertReviewedEvent(ALERT, "auditor-1", "Known customer, salary"))
               .expectResultMessagePayload(CommandOutcome.created(ALERT));
    }

    @Test
    void repeatingTheSameReviewWritesNothingAndAnswersAsARepeat() {
        fixture.given(new AlertReviewedEvent(ALERT, "auditor-1", "Known customer"))
               .when(new ReviewAlertCommand(ALERT, "auditor-1", "Known customer"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(CommandOutcome.repeated(ALERT));
    }

    @Test
    void aReviewWithOtherContentIsRefusedAndTheFirstStands() {
        fixture.given(new AlertReviewedEvent(ALERT, "auditor-1", "Known customer"))
               .when(new ReviewAlertCommand(ALERT, "auditor-2", "Known customer"))
               .expectNoEvents()
               .expectException(withCode(LedgerErrorCode.ALERT_ALREADY_REVIEWED));
        fixture.given(new AlertReviewedEvent(ALERT, "auditor-1", "Known customer"))
               .when(new ReviewAlertCommand(ALERT, "auditor-1", "Other note"))
               .expectNoEvents()
               .expectException(withCode(LedgerErrorCode.ALERT_ALREADY_REVIEWED));
    }

    @Test
    void aBlankMissingOverlongOrControlCharacterReviewerOrNoteIsRefused() {
        for (ReviewAlertCommand bad : new ReviewAlertCommand[]{
                new ReviewAlertCommand(ALERT, null, "note"),
                new ReviewAlertCommand(ALERT, " \t", "note"),
                new ReviewAlertCommand(ALERT, "a".repeat(AlertReview.MAX_REVIEWER_LENGTH + 1), "note"),
                new ReviewAlertCommand(ALERT, "auditor\u0000", "note"),
                new ReviewAlertCommand(ALERT, "auditor-1", null),
                new ReviewAlertCommand(ALERT, "auditor-1", ""),
                new ReviewAlertCommand(ALERT, "auditor-1", "n".repeat(AlertReview.MAX_NOTE_LENGTH + 1)),
                new ReviewAlertCommand(ALERT, "auditor-1", "line\nbreak")}) {
            fixture.givenNoPriorActivity()
                   .when(bad)
                   .expectNoEvents()
                   .expectException(withCode(LedgerErrorCode.INVALID_REASON));
        }
    }

    @Test
    void theLongestAllowedReviewerAndNoteAreAccepted() {
        String reviewer = "r".repeat(AlertReview.MAX_REVIEWER_LENGTH);
        String note = "n".repeat(AlertReview.MAX_NOTE_LENGTH);
        fixture.givenNoPriorActivity()
               .when(new ReviewAlertCommand(ALERT, reviewer, note))
               .expectEvents(new AlertReviewedEvent(ALERT, reviewer, note));
    }

    private static Matcher<LedgerException> withCode(LedgerErrorCode code) {
        return new CustomTypeSafeMatcher<>("a refusal with code " + code) {
            @Override
            protected boolean matchesSafely(LedgerException refusal) {
                return refusal.code() == code;
            }
        };
    }
}
