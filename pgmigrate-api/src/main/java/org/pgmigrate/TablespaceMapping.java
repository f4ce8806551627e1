package org.pgmigrate;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where the tables, indexes and materialized views of a source tablespace go on the target (see
 * {@link Migration.Builder#tablespaces(TablespaceMapping...)}). Without a mapping, an object stays
 * in the tablespace of the same name, which the target server must have; a migration whose
 * source uses a tablespace the target lacks, with no mapping for it, is refused before anything
 * is changed.
 *
 * <pre>{@code
 * .tablespaces(TablespaceMapping.map("fast_ssd", "nvme"), TablespaceMapping.toDefault("archive"))
 * .tablespaces(TablespaceMapping.allToDefault(), TablespaceMapping.keep("fast_ssd"))
 * }</pre>
 */
@Value.Immutable
public abstract class TablespaceMapping {
    /** Objects in tablespace {@code source} go to tablespace {@code target} of the target server. */
    public static TablespaceMapping map(String source, String target) {
        return new Builder().source(checked(source, "source")).target(checked(target, "target")).build();
    }

    /** Objects in tablespace {@code name} stay in the tablespace of that name (the default; this overrides {@link #allToDefault()}). */
    public static TablespaceMapping keep(String name) {
        return map(name, name);
    }

    /** Objects in tablespace {@code source} go to the target database's default tablespace. */
    public static TablespaceMapping toDefault(String source) {
        return new Builder().source(checked(source, "source")).build();
    }

    /** Objects in every tablespace that no other mapping names go to the target database's default tablespace. */
    public static TablespaceMapping allToDefault() {
        return new Builder().build();
    }

    /** The source tablespace; empty for every tablespace no other mapping names. */
    public abstract Optional<String> source();

    /** The target tablespace; empty for the target database's default. */
    public abstract Optional<String> target();

    private static String checked(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "A tablespace mapping needs a " + what + " tablespace name.");
        }
        return name;
    }

    @Override
    public String toString() {
        return source().orElse("*") + " -> " + target().orElse("(default)");
    }

    static class Builder extends ImmutableTablespaceMapping.Builder {}
}
