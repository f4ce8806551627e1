package org.pgmigrate.examples;

import java.time.Duration;
import org.pgmigrate.DatabaseSelection;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationHandle;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationPlan;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.RoleSelection;
import org.pgmigrate.TablespaceMapping;
import org.pgmigrate.ValidationReport;

/**
 * The README's short examples, kept here so that the build compiles them: {@code ReadmeSnippetsTest}
 * checks that every Java block of the README is found in a source file it names.
 */
public final class UsageExamples {
    private UsageExamples() {}

    /** "Validation". */
    public static ValidationReport validateOnline(Endpoint source, Endpoint target) {
        ValidationReport report = Migration.from(source).to(target).mode(MigrationMode.ONLINE).validate();
        System.out.print(report.toText());   // FAILED / WARNING findings with remediation, then what succeeded
        return report;
    }

    /** "Online migration". */
    public static MigrationResult online(Endpoint source, Endpoint target, MigrationListener progress) {
        try (MigrationHandle handle = Migration.from(source).to(target)
                .mode(MigrationMode.ONLINE).maxRetainedWal(20L << 30).listener(progress).start()) {
            handle.awaitCaughtUp(Duration.ofMinutes(30));   // copy done and the stream caught up
            ReplicationLag lag = handle.lag();              // bytes, delay, rows applied
            // ... stop the applications' writes to the source, then:
            return handle.cutover();                        // the MigrationResult
        }
    }

    /** "Tablespaces, security labels, and privileges of what the target already has". */
    public static void tablespaces(Endpoint source, Endpoint target) {
        Migration.from(source).to(target)
                .tablespaces(TablespaceMapping.map("fast_ssd", "nvme"),    // what lies in fast_ssd goes to nvme
                        TablespaceMapping.toDefault("archive"))          // and archive's into the database's default
                .execute();                                              // or allToDefault(), keep("name")
    }

    /** "Roles and whole servers". */
    public static MigrationResult wholeServer() {
        MigrationResult result = Migration.from(Endpoint.of("postgresql://admin@old-host"))   // no database named:
                .to(Endpoint.of("postgresql://admin@new-host"))                              // "postgres" is used to connect
                .databases(DatabaseSelection.allUserDatabases().excluding("scratch"))        // or named("shop", "crm")
                .roles(RoleSelection.NEEDED)                                                 // the default; or ALL, NONE
                .execute();
        return result;
    }

    /** "Filters and dry run". */
    public static MigrationPlan dryRun(Endpoint source, Endpoint target) {
        MigrationPlan plan = Migration.from(source).to(target)
                .excludeSchemas("archive")                 // the schema and everything in it
                .excludeTables("public.audit_*")           // tables, views, sequences, with their indexes...
                .excludeTableData("public.events")         // the table and its indexes, no rows
                .excludeExtensions("hstore")
                .plan();                                    // dry run; .execute() migrates
        return plan;
    }
}
