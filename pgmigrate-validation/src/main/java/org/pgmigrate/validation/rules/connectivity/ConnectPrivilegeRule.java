package org.pgmigrate.validation.rules.connectivity;

import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.ConnectionRule;

/** The roles may connect to the databases (CONNECT privilege). */
public final class ConnectPrivilegeRule extends ConnectionRule {
    public ConnectPrivilegeRule() {
        super("connect-privilege", Step.CONNECT_PRIVILEGE);
    }

    @Override
    protected String problem(Side side, String endpoint, String detail) {
        return "The " + side.label() + " role may not connect to its database (" + endpoint + "): " + detail + ".";
    }

    @Override
    protected String remediation(Side side) {
        return "As the database owner on the " + side.label() + ": GRANT CONNECT ON DATABASE <database> TO <role>;";
    }

    @Override
    protected String passed() {
        return "Both roles may connect to their databases.";
    }
}
