package io.ledger.command.transfer;

import io.ledger.core.transfer.TransferFundsCommand;

import java.util.List;
import java.util.Map;

/**
 * Single transfers that arrived at this node at about the same time, written in one unit of work and one database
 * transaction (group commit). Unlike a batch, the members have nothing to do with each other: each is validated,
 * refused or repeated on its own exactly as if sent alone, and each member's events carry that member's own
 * origin (who sent it, in which request), not the group's.
 *
 * <p>A node forms groups from its own waiting requests and sends them on its own command bus; this command is
 * never sent by a client nor over a network, so its answer may hold the refusals themselves.
 *
 * @param members the transfers, in the order in which they arrived
 */
public record TransferGroupCommand(List<Member> members) {

    public TransferGroupCommand {
        members = List.copyOf(members);
    }

    /**
     * @param command the transfer as the client sent it
     * @param origin  the metadata that the transfer's events carry, as a command sent alone would give them
     */
    public record Member(TransferFundsCommand command, Map<String, ?> origin) {

        public Member {
            origin = Map.copyOf(origin);
        }
    }
}
