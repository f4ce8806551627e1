package org.pgmigrate.validation.rules.extensions;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.Severity;
import org.pgmigrate.SqlNames;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.Names;
import org.pgmigrate.validation.internal.ObjectsRule;
import org.pgmigrate.validation.internal.SourceExtensions;

/** Extensions the target role cannot create because they need a superuser (and are not trusted). */
public final class ExtensionRequiresSuperuserRule extends ObjectsRule {
    public ExtensionRequiresSuperuserRule() {
        super("extension-requires-superuser", Category.EXTENSIONS, Severity.FAILED,
                EnumSet.allOf(MigrationMode.class), EnumSet.allOf(Side.class));
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        if (context.target().superuser()) {
            return List.of();
        }
        Map<String, String> installed = SourceExtensions.read(context.source());
        // the version created is the source's where offered, else the default; trusted extensions exist from 13 on
        String trusted = context.target().versionNumber() >= 130000 ? " AND NOT v.trusted" : "";
        return context.target().identifiers("SELECT s.name FROM unnest(?::text[], ?::text[]) AS s(name, version)"
                + " JOIN pg_catalog.pg_available_extensions e ON e.name = s.name"
                + " JOIN pg_catalog.pg_available_extension_versions v ON v.name = s.name"
                + " WHERE e.installed_version IS NULL AND v.superuser" + trusted
                + "   AND v.version = CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_available_extension_versions o"
                + "       WHERE o.name = s.name AND o.version = s.version) THEN s.version ELSE e.default_version END"
                + " ORDER BY 1", new ArrayList<>(installed.keySet()), new ArrayList<>(installed.values()));
    }

    @Override
    protected String problem(List<String> extensions, RuleContext context) {
        return "The target role " + SqlNames.ident(context.target().user()) + " is not a superuser and cannot create "
                + Names.count(extensions.size(), "extension", "extensions") + " that need one: " + Names.list(extensions) + ".";
    }

    @Override
    protected String remediation(List<String> extensions, RuleContext context) {
        return "Have a superuser (or your provider's admin role) create them in the target database first: "
                + Names.statements(extensions, e -> "CREATE EXTENSION " + e + ";") + " Or migrate as a superuser.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return context.target().superuser() ? "The target role is a superuser." : "The target role can create every extension the source uses.";
    }
}
