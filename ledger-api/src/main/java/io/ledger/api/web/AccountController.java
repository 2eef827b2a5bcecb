package io.ledger.api.web;

import io.ledger.api.command.LedgerCommands;
import io.ledger.api.command.ReadYourWrites;
import io.ledger.core.CommandOutcome;
import io.ledger.core.LedgerIds;
import io.ledger.core.account.AccountReceipt;
import io.ledger.core.account.AccountStateReceipt;
import io.ledger.core.account.AccountView;
import io.ledger.core.account.ChangeOverdraftLimitCommand;
import io.ledger.core.account.CloseAccountCommand;
import io.ledger.core.account.FreezeAccountCommand;
import io.ledger.core.account.UnfreezeAccountCommand;
import io.ledger.core.error.AccountNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
        return WriteResponses.of(outcome, location(receipt.accountId()), AccountResponse.of(receipt), visible);
    }

    @Operation(summary = "Read an account: its state and balances (posted, pending, available)")
    @GetMapping("/{id}")
    public AccountResponse get(@PathVariable("id") String id) {
        LedgerIds.requireValid(id, "Account id");
        return queries.account(id).map(AccountResponse::of)
                .orElseThrow(() -> new AccountNotFoundException("Account " + id + " does not exist."));
    }

    @Operation(summary = "Freeze an account: no new transfers, holds or reversals touch it")
    @PostMapping(path = "/{id}/freeze", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AccountStateResponse> freeze(@PathVariable("id") String id,
                                                       @RequestBody ReasonRequest request) {
        return lifecycle(new FreezeAccountCommand(id, ApiRequests.required(request.reason(), "reason")));
    }

    @Operation(summary = "Unfreeze an account")
    @PostMapping(path = "/{id}/unfreeze", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AccountStateResponse> unfreeze(@PathVariable("id") String id,
                                                         @RequestBody ReasonRequest request) {
        return lifecycle(new UnfreezeAccountCommand(id, ApiRequests.required(request.reason(), "reason")));
    }

    @Operation(summary = "Close an account for good (only with zero posted and pending balances)")
    @PostMapping(path = "/{id}/close", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AccountStateResponse> close(@PathVariable("id") String id,
                                                      @RequestBody ReasonRequest request) {
        return lifecycle(new CloseAccountCommand(id, ApiRequests.required(request.reason(), "reason")));
    }

    @Operation(summary = "Change an account's overdraft limit")
    @PutMapping(path = "/{id}/overdraft-limit", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AccountStateResponse> changeLimit(@PathVariable("id") String id,
                                                            @RequestBody OverdraftLimitRequest request) {
        return lifecycle(new ChangeOverdraftLimitCommand(id, request.overdraftLimit(),
                Boolean.TRUE.equals(request.unlimitedOverdraft()), ApiRequests.required(request.reason(), "reason")));
    }

    @Operation(summary = "Change an account's overdraft limit (same as PUT)")
    @PatchMapping(path = "/{id}/overdraft-limit", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AccountStateResponse> patchLimit(@PathVariable("id") String id,
                                                           @RequestBody OverdraftLimitRequest request) {
        return changeLimit(id, request);
    }

    /** Lifecycle answers: 200 whether or not anything changed; the state after the command either way. */
    private ResponseEntity<AccountStateResponse> lifecycle(Object command) {
        CommandOutcome<AccountStateReceipt> outcome = commands.send(command);
        AccountStateReceipt state = outcome.result();
        boolean visible = readYourWrites.awaitVisible(() -> queries.account(state.accountId())
                .filter(view -> shows(view, state)).isPresent());
        return WriteResponses.ok(AccountStateResponse.of(state), visible);
    }

    private static boolean shows(AccountView view, AccountStateReceipt state) {
        return view.status() == state.status() && view.overdraftLimitMinor() == state.overdraftLimitMinor()
                && view.unlimitedOverdraft() == state.unlimitedOverdraft();
    }

    private static URI location(String accountId) {
        return URI.create("/api/v1/accounts/" + accountId);
    }
}
