package org.pgmigrate.validation.rules.extensions;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;

/**
 * Extensions pgmigrate cannot carry: they keep state in their own catalogs, background workers or
 * node metadata that recreating the extension and copying its tables does not reproduce. To use
 * another list, disable this rule by id and register a subclass that passes yours.
 */
public class ExtensionDenyListRule extends ObjectsRule {
    /** The built-in deny list. */
    public static final Set<String> DENIED = Set.of("timescaledb", "citus", "pglogical", "postgis_topology", "postgis_tiger_geocoder");

    private final Set<String> denied;

    public ExtensionDenyListRule() {
        this("extension-deny-list", DENIED);
    }

    /** A deny-list rule with its own id (so both can be listed) and extensions. */
    protected ExtensionDenyListRule(String id, Set<String> denied) {
        super(id, Category.EXTENSIONS, Severity.FAILED, EnumSet.allOf(MigrationMode.class), EnumSet.of(Side.SOURCE));
        this.denied = Set.copyOf(denied);
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        return context.source().identifiers("SELECT e.extname FROM pg_catalog.pg_extension e WHERE e.extname = ANY (?::text[]) ORDER BY 1",
                denied);
    }

    @Override
    protected String problem(List<String> extensions, RuleContext context) {
        return "The source uses " + Names.count(extensions.size(), "extension", "extensions") + " that pgmigrate cannot migrate"
                + " (their state lives outside the tables it copies): " + Names.list(extensions) + ".";
    }

    @Override
    protected String remediation(List<String> extensions, RuleContext context) {
        return "Migrate these databases with the extension's own tools (e.g. its dump and restore procedure), or drop the"
                + " extensions from the source if unused (DROP EXTENSION name;).";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "The source uses no extension of the deny list (" + String.join(", ", denied.stream().sorted().toList()) + ").";
    }
}
