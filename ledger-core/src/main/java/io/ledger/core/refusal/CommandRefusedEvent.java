package io.ledger.core.refusal;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Map;

/**
 * A business refusal (insufficient funds, a frozen or closed account, an expired hold, a limit exceeded), kept
 * so that compliance views and auditors see declined attempts. It never changes a balance.
 */
@Revision("1")
public record CommandRefusedEvent(
        String refusalId,
        String commandType,
        Map<String, String> request,
        List<String> accountIds,
        String code,
        String message) {
}
