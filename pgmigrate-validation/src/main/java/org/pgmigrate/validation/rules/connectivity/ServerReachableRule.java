package org.pgmigrate.validation.rules.connectivity;

import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.ConnectionRule;

/** Both servers answer. */
public final class ServerReachableRule extends ConnectionRule {
    public ServerReachableRule() {
        super("server-reachable", Step.REACH);
    }

    @Override
    protected String problem(Side side, String endpoint, String detail) {
        return "Cannot connect to the " + side.label() + " server (" + endpoint + "): " + detail
                + ". No other rule could check the " + side.label() + ".";
    }

    @Override
    protected String remediation(Side side) {
        return "Check the host and port in the " + side.label() + " URL, that PostgreSQL is running there, and that it accepts"
                + " connections from this machine (listen_addresses, firewall, security groups, pg_hba.conf; sslmode if the server requires SSL).";
    }

    @Override
    protected String passed() {
        return "Both servers answered.";
    }
}
