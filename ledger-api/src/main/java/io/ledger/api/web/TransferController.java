package io.ledger.api.web;

import io.ledger.api.command.LedgerCommands;
import io.ledger.api.command.ReadYourWrites;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.error.TransferNotFoundException;
import io.ledger.core.transfer.HoldResolution;
import io.ledger.core.transfer.PostHoldCommand;
import io.ledger.core.transfer.TransferReceipt;
import io.ledger.core.transfer.VoidHoldCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;

@Tag(name = "Transfers")
@RestController
@RequestMapping(path = "/api/v1/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
public class TransferController {

    private final LedgerCommands commands;
    private final LedgerQueries queries;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    public TransferController(LedgerCommands commands, LedgerQueries queries, ReadYourWrites readYourWrites,
                              Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    @Operation(summary = "Transfer money between two accounts, or place a hold (atomic, idempotent by id)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TransferResponse> transfer(@RequestBody TransferRequest request) {
        return created(commands.send(request.toCommand(clock.instant())));
    }

    @Operation(summary = "Read a transfer, hold or reversal")
    @GetMapping("/{id}")
    public TransferResponse get(@PathVariable("id") String id) {
        LedgerIds.requireValid(id, "Transfer id");
        return queries.transfer(id).map(TransferResponse::of)
                .orElseThrow(() -> new TransferNotFoundException("Transfer " + id + " does not exist."));
    }

    @Operation(summary = "Post a hold, in full or for a smaller amount (the rest is released)")
    @PostMapping(path = "/{id}/post")
    public ResponseEntity<HoldResolutionResponse> post(@PathVariable("id") String id,
                                                       @RequestBody(required = false) PostHoldRequest request) {
        String amount = request == null ? null : request.amount();
        return resolved(commands.send(new PostHoldCommand(id, amount, clock.instant())));
    }

    @Operation(summary = "Void a hold: release it without moving anything")
    @PostMapping(path = "/{id}/void")
    public ResponseEntity<HoldResolutionResponse> voidHold(@PathVariable("id") String id) {
        return resolved(commands.send(new VoidHoldCommand(id, clock.instant())));
    }

    @Operation(summary = "Reverse all or part of a posted transfer (idempotent by the reversal's id)")
    @PostMapping(path = "/{id}/reverse", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TransferResponse> reverse(@PathVariable("id") String id,
                                                    @RequestBody ReverseRequest request) {
        return created(commands.send(request.toCommand(id)));
    }

    private ResponseEntity<TransferResponse> created(CommandOutcome<TransferReceipt> outcome) {
        TransferReceipt receipt = outcome.result();
        boolean visible = readYourWrites.await(() -> queries.transfer(receipt.transferId())).isPresent();
        return WriteResponses.of(outcome, URI.create("/api/v1/transfers/" + receipt.transferId()),
                TransferResponse.of(receipt), visible);
    }

    /** A hold's outcome is 200 for the first call and every repeat: nothing new is created at another URI. */
    private ResponseEntity<HoldResolutionResponse> resolved(CommandOutcome<HoldResolution> outcome) {
        HoldResolution resolution = outcome.result();
        boolean visible = readYourWrites.awaitVisible(() -> queries.transfer(resolution.transferId())
                .filter(view -> view.status() == resolution.status()).isPresent());
        return WriteResponses.ok(HoldResolutionResponse.of(resolution), visible);
    }
}
