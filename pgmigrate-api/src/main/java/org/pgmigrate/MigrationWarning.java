package org.pgmigrate;

import java.util.List;
import org.immutables.value.Value;

/** Something the migration did not do as asked, or did differently, and the objects concerned. */
@Value.Immutable
public abstract class MigrationWarning {
    public static MigrationWarning of(String code, String message, List<String> objects) {
        return new Builder().code(code).message(message).objects(objects).build();
    }

    /** A stable kebab-case identifier, one of {@link WarningCodes}, e.g. {@code unsupported-object}. */
    public abstract String code();

    public abstract String message();

    /** The objects concerned, schema-qualified and quoted as in SQL. */
    public abstract List<String> objects();

    @Override
    public String toString() {
        return code() + ": " + message() + (objects().isEmpty() ? "" : " " + objects());
    }

    public static class Builder extends ImmutableMigrationWarning.Builder {}
}
