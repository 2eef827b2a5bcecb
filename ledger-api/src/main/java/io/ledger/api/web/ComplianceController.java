package io.ledger.api.web;

import io.ledger.api.command.LedgerCommands;
import io.ledger.api.command.ReadYourWrites;
import io.ledger.command.compliance.AlertReview;
import io.ledger.core.LedgerIds;
import io.ledger.core.compliance.AlertPage;
import io.ledger.core.compliance.AlertStatus;
import io.ledger.core.compliance.AlertType;
import io.ledger.core.compliance.ComplianceAlert;
import io.ledger.core.compliance.FindAlertQuery;
import io.ledger.core.compliance.FindAlertsQuery;
import io.ledger.core.compliance.ReviewAlertCommand;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.Optional;

@Tag(name = "Compliance")
@RestController
public class ComplianceController {

    private static final String CURSOR_KIND = "alert";

    private final QueryGateway queries;
    private final LedgerCommands commands;
    private final ReadYourWrites readYourWrites;

    public ComplianceController(QueryGateway queries, LedgerCommands commands, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.commands = commands;
        this.readYourWrites = readYourWrites;
    }

    @Operation(summary = "Compliance alerts in the order they were raised, filtered and paged")
    @GetMapping(path = "/api/v1/compliance/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
    public ComplianceResponses.Page alerts(@RequestParam(name = "type", required = false) String type,
                                           @RequestParam(name = "account", required = false) String account,
                                           @RequestParam(name = "from", required = false) String from,
                                           @RequestParam(name = "to", required = false) String to,
                                           @RequestParam(name = "status", required = false) String status,
                                           @RequestParam(name = "limit", required = false) Integer limit,
                                           @RequestParam(name = "cursor", required = false) String cursor) {
        if (account != null) {
            LedgerIds.requireValid(account, "account");
        }
        return page(new FindAlertsQuery(parse(AlertType.class, type, LedgerErrorCode.INVALID_ALERT_TYPE), account,
                TimeParameters.parse(from, "from"), TimeParameters.parse(to, "to"),
                parse(AlertStatus.class, status, LedgerErrorCode.INVALID_ALERT_STATUS),
                Paging.afterSeq(cursor, CURSOR_KIND, 0), Paging.pageSize(limit)));
    }

    @Operation(summary = "Transfers at or above the large-transaction threshold (alerts of type LARGE_TRANSACTION)")
    @GetMapping(path = "/api/v1/compliance/large-transactions", produces = MediaType.APPLICATION_JSON_VALUE)
    public ComplianceResponses.Page largeTransactions(@RequestParam(name = "from", required = false) String from,
                                                      @RequestParam(name = "to", required = false) String to,
                                                      @RequestParam(name = "limit", required = false) Integer limit,
                                                      @RequestParam(name = "cursor", required = false) String cursor) {
        return page(new FindAlertsQuery(AlertType.LARGE_TRANSACTION, null, TimeParameters.parse(from, "from"),
                TimeParameters.parse(to, "to"), null, Paging.afterSeq(cursor, CURSOR_KIND, 0),
                Paging.pageSize(limit)));
    }

    @Operation(summary = "Review an alert once, with the reviewer's name and a note; "
            + "a faithful repeat answers the same")
    @PostMapping(path = "/api/v1/compliance/alerts/{id}/review", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ComplianceResponses.Alert> review(@PathVariable("id") String id,
                                                            @RequestBody ComplianceResponses.ReviewRequest request) {
        ReviewAlertCommand command = new ReviewAlertCommand(id, request.reviewer(), request.note());
        AlertReview.requireValid(command);
        if (find(id).isEmpty()) {
            throw new LedgerException(LedgerErrorCode.ALERT_NOT_FOUND, "Alert " + id + " does not exist.");
        }
        commands.send(command);
        Optional<ComplianceAlert> reviewed = readYourWrites.await(() ->
                find(id).filter(alert -> alert.status() == AlertStatus.REVIEWED));
        if (reviewed.isPresent()) {
            return ResponseEntity.ok(ComplianceResponses.Alert.of(reviewed.get()));
        }
        // The review is durable; the view has not shown it yet.
        return ResponseEntity.ok().header(WriteResponses.CONSISTENCY_HEADER, "pending")
                .body(ComplianceResponses.Alert.of(find(id).orElseThrow()));
    }

    private Optional<ComplianceAlert> find(String alertId) {
        return queries.query(new FindAlertQuery(alertId), ResponseTypes.optionalInstanceOf(ComplianceAlert.class))
                .join();
    }

    private ComplianceResponses.Page page(FindAlertsQuery query) {
        AlertPage page = queries.query(query, ResponseTypes.instanceOf(AlertPage.class)).join();
        String next = page.hasMore()
                ? Paging.cursorAfter(CURSOR_KIND, page.alerts().get(page.alerts().size() - 1).alertSeq()) : null;
        return new ComplianceResponses.Page(page.alerts().stream().map(ComplianceResponses.Alert::of).toList(), next);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, LedgerErrorCode code) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(value)).findFirst()
                .orElseThrow(() -> new LedgerException(code, "Unknown value '" + value + "'; one of "
                        + Arrays.toString(type.getEnumConstants()) + " is expected."));
    }
}
