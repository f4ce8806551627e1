package org.pgmigrate.validation.rules.connectivity;

import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.ConnectionRule;

/** The databases named in the URLs exist. */
public final class DatabaseExistsRule extends ConnectionRule {
    public DatabaseExistsRule() {
        super("database-exists", Step.FIND_DATABASE);
    }

    @Override
    protected String problem(Side side, String endpoint, String detail) {
        return "The database named in the " + side.label() + " URL (" + endpoint + ") does not exist: " + detail + ".";
    }

    @Override
    protected String remediation(Side side) {
        return side == Side.TARGET
                ? "Create the target database first (CREATE DATABASE name, with the source's encoding and locale), or fix the name in the target URL."
                : "Fix the database name in the source URL.";
    }

    @Override
    protected String passed() {
        return "Both databases exist.";
    }
}
