package io.ledger.api.web;

import io.ledger.api.command.LedgerCommands;
import io.ledger.api.command.ReadYourWrites;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.error.AccountNotFoundException;
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

@Tag(name = "Accounts")
@RestController
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class AccountController {

    private final LedgerCommands commands;
    private final LedgerQueries queries;
    private final ReadYourWrites readYourWrites;

    public AccountController(LedgerCommands commands, LedgerQueries queries, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @Operation(summary = "Open an account (idempotent by id)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AccountResponse> open(@RequestBody OpenAccountRequest request) {
        CommandOutcome<AccountReceipt> outcome = commands.send(request.toCommand());
        AccountReceipt receipt = outcome.result();
        boolean visible = readYourWrites.await(() -> queries.account(receipt.accountId())).isPresent();
        return WriteResponses.of(outcome, URI.create("/api/v1/accounts/" + receipt.accountId()),
                AccountResponse.of(receipt), visible);
    }

    @Operation(summary = "Read an account and its balance")
    @GetMapping("/{id}")
    public AccountResponse get(@PathVariable("id") String id) {
        LedgerIds.requireValid(id, "Account id");
        return queries.account(id).map(AccountResponse::of)
                .orElseThrow(() -> new AccountNotFoundException("Account " + id + " does not exist."));
    }
}
