package org.pgmigrate.validation.rules.connectivity;

import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.ConnectionRule;

/** Neither database refuses connections (datallowconn). */
public final class DatabaseAcceptsConnectionsRule extends ConnectionRule {
    public DatabaseAcceptsConnectionsRule() {
        super("database-accepts-connections", Step.ACCEPT_CONNECTIONS);
    }

    @Override
    protected String problem(Side side, String endpoint, String detail) {
        return "The " + side.label() + " database does not accept connections (" + endpoint + "): " + detail + ".";
    }

    @Override
    protected String remediation(Side side) {
        return "As a superuser on the " + side.label() + ": ALTER DATABASE <database> ALLOW_CONNECTIONS true;"
                + " (or wait until it is out of recovery or maintenance).";
    }

    @Override
    protected String passed() {
        return "Both databases accept connections.";
    }
}
