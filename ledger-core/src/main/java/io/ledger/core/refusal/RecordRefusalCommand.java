package io.ledger.core.refusal;

import io.ledger.core.StreamIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/**
 * Records a business refusal in a stream of its own, after the refused command's own transaction has rolled
 * back. {@code request} is the refused command's content; {@code accountIds} the accounts it named.
 */
public record RecordRefusalCommand(
        String refusalId,
        String commandType,
        Map<String, String> request,
        List<String> accountIds,
        String code,
        String message) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.refusal(refusalId);
    }
}
