package org.pgmigrate.validation.rules.connectivity;

import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.ConnectionRule;

/** Both servers accept the role and password given. */
public final class CredentialsAcceptedRule extends ConnectionRule {
    public CredentialsAcceptedRule() {
        super("credentials-accepted", Step.AUTHENTICATE);
    }

    @Override
    protected String problem(Side side, String endpoint, String detail) {
        return "The " + side.label() + " server (" + endpoint + ") rejected the credentials: " + detail + ".";
    }

    @Override
    protected String remediation(Side side) {
        return "Check the user name and password given for the " + side.label() + " (PGMIGRATE_" + side.name()
                + "_PASSWORD on the command line), and that pg_hba.conf has an entry for this role, database and client address.";
    }

    @Override
    protected String passed() {
        return "Both servers accepted the credentials.";
    }
}
