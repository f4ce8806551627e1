package org.pgmigrate.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pgmigrate.Endpoint;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.spi.copy.CopyPlan;
import org.pgmigrate.spi.copy.CopyStrategy;
import org.pgmigrate.spi.copy.TextRows;

/**
 * A copy strategy of a team's own: the e-mail addresses of {@code public.customers} are masked on
 * their way to the target; every other table travels as the built-in strategy chooses. README's
 * "Copy strategies" shows this code.
 */
public final class MaskedCopy {
    private MaskedCopy() {}

    /** Migrates {@code source} into {@code target}, masking customers' e-mail addresses. */
    public static MigrationResult migrate(Endpoint source, Endpoint target) {
        CopyStrategy masking = (table, context) -> {
            if (!table.qualifiedName().equals("public.customers")) {
                return Optional.empty(); // the next strategy, in the end the built-in one, copies it
            }
            int email = table.fieldOf("email");
            return Optional.of(CopyPlan.text().withTransform((row, offset, length, out) -> {
                List<String> fields = new ArrayList<>(TextRows.fields(row, offset, length));
                if (fields.get(email) != null) {
                    fields.set(email, "customer-" + fields.get(0) + "@example.invalid");
                }
                byte[] masked = TextRows.row(fields);
                out.write(masked, 0, masked.length);
            }));
        };
        return Migration.from(source).to(target).copyStrategy(masking).execute();
    }
}
