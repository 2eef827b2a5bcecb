package io.ledger.api.web;

import io.ledger.api.command.LedgerCommands;
import io.ledger.api.command.ReadYourWrites;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.error.TransferNotFoundException;
import io.ledger.core.transfer.TransferReceipt;
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

@Tag(name = "Transfers")
@RestController
@RequestMapping(path = "/api/v1/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
public class TransferController {

    private final LedgerCommands commands;
    private final LedgerQueries queries;
    private final ReadYourWrites readYourWrites;

    public TransferController(LedgerCommands commands, LedgerQueries queries, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @Operation(summary = "Transfer money between two accounts (atomic, idempotent by id)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TransferResponse> transfer(@RequestBody TransferRequest request) {
        CommandOutcome<TransferReceipt> outcome = commands.send(request.toCommand());
        TransferReceipt receipt = outcome.result();
        boolean visible = readYourWrites.await(() -> queries.transfer(receipt.transferId())).isPresent();
        return WriteResponses.of(outcome, URI.create("/api/v1/transfers/" + receipt.transferId()),
                TransferResponse.of(receipt), visible);
    }

    @Operation(summary = "Read a transfer")
    @GetMapping("/{id}")
    public TransferResponse get(@PathVariable("id") String id) {
        LedgerIds.requireValid(id, "Transfer id");
        return queries.transfer(id).map(TransferResponse::of)
                .orElseThrow(() -> new TransferNotFoundException("Transfer " + id + " does not exist."));
    }
}
