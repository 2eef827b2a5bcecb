package io.ledger.api.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ledger.core.error.BatchItemRefusedException;
import io.ledger.core.error.LedgerException;
import io.ledger.core.refusal.RecordRefusalCommand;
import io.ledger.core.transfer.BatchItemResult;
import io.ledger.core.transfer.BatchResult;
import io.ledger.core.transfer.ExecuteBatchCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records business refusals (insufficient funds, frozen or closed accounts, expired holds, limits) as events in
 * streams of their own, so that compliance views and auditors see declined attempts. The refused command's own
 * transaction has rolled back by then; the record is a separate, later write. Malformed requests are never
 * recorded, and a failure to record is logged, never turned into a different answer to the client.
 */
@Component
public class RefusalRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalRecorder.class);

    private final CommandGateway gateway;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public RefusalRecorder(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** Records {@code refusal} of {@code command} if it is a business refusal. */
    public void refused(Object command, LedgerException refusal, AuditMetadata origin) {
        if (!refusal.code().isBusinessRefusal()) {
            return;
        }
        Object refusedCommand = command;
        if (command instanceof ExecuteBatchCommand batch && refusal instanceof BatchItemRefusedException item) {
            refusedCommand = batch.items().get(item.itemIndex());
        }
        record(refusedCommand, refusal.code().name(), refusal.getMessage(), origin);
    }

    /** Records the business refusals among the items of a batch that was not atomic. */
    public void refusedItems(ExecuteBatchCommand batch, BatchResult result, AuditMetadata origin) {
        for (BatchItemResult item : result.items()) {
            if (item.status() == BatchItemResult.Status.REFUSED && item.code().isBusinessRefusal()) {
                record(batch.items().get(item.index()), item.code().name(), item.message(), origin);
            }
        }
    }

    /** The refusal event carries the refused request's principal and ids, like the events it would have made. */
    private void record(Object command, String code, String message, AuditMetadata origin) {
        try {
            JsonNode content = json.valueToTree(command);
            RecordRefusalCommand record = new RecordRefusalCommand(UUID.randomUUID().toString(),
                    command.getClass().getSimpleName(), flatten(content), accountIds(content), code, message);
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(record).andMetaData(origin.asMap()));
        } catch (RuntimeException failure) {
            LOG.warn("Could not record a {} refusal of {}", code, command.getClass().getSimpleName(), failure);
        }
    }

    /** The command's fields as strings: text as it is, anything else (numbers, metadata) as compact JSON. */
    private static Map<String, String> flatten(JsonNode content) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isNull()) {
                fields.put(field.getKey(), field.getValue().isTextual()
                        ? field.getValue().asText() : field.getValue().toString());
            }
        }
        return fields;
    }

    private static List<String> accountIds(JsonNode content) {
        List<String> ids = new ArrayList<>();
        for (String field : List.of("accountId", "debitAccountId", "creditAccountId")) {
            if (content.hasNonNull(field)) {
                ids.add(content.get(field).asText());
            }
        }
        return ids;
    }
}
