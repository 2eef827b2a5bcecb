package io.ledger.api.web;

import io.ledger.api.command.LedgerCommands;
import io.ledger.api.command.ReadYourWrites;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.BatchResult;
import io.ledger.core.transfer.ExecuteBatchCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

@Tag(name = "Transfers")
@RestController
@RequestMapping(path = "/api/v1/transfers/batch", produces = MediaType.APPLICATION_JSON_VALUE)
public class BatchController {

    private final LedgerCommands commands;
    private final LedgerQueries queries;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    public BatchController(LedgerCommands commands, LedgerQueries queries, ReadYourWrites readYourWrites,
                           Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    /**
     * 200 with one result per item. An atomic batch that is refused answers with the refused item's status and
     * code as problem+json, naming the item in {@code itemIndex}, and writes nothing.
     */
    @Operation(summary = "Transfers, holds, posts and voids in one transaction, atomic or item by item")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<BatchResponse> execute(@RequestBody BatchRequest request) {
        ExecuteBatchCommand batch = request.toCommand(clock.instant());
        BatchResult result = commands.sendBatch(batch);
        boolean visible = awaitLastWrite(result.items());
        return WriteResponses.ok(BatchResponse.of(result), visible);
    }

    /**
     * The batch committed in one transaction and the view applies events in order, so once the last item that
     * wrote something shows, every earlier one does too. Refused and repeated items wrote nothing: waiting for
     * a repeat would find it at once (it was written long ago) and answer before this batch's writes show.
     */
    private boolean awaitLastWrite(List<BatchItemResult> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            BatchItemResult item = items.get(i);
            if (item.status() != BatchItemResult.Status.CREATED) {
                continue;
            }
            if (item.resolution() != null) {
                return readYourWrites.awaitVisible(() -> queries.transfer(item.transferId())
                        .filter(view -> view.status() == item.resolution().status()).isPresent());
            }
            return readYourWrites.awaitVisible(() -> queries.transfer(item.transferId()).isPresent());
        }
        return true;
    }
}
