package org.pgmigrate;

import java.util.List;
import org.immutables.value.Value;

/** What a migration did with the source server's roles. */
@Value.Immutable
public abstract class RoleReport {
    public static Builder builder() {
        return new Builder();
    }

    /** Roles created on the target, with their attributes, settings and memberships. */
    public abstract List<String> created();

    /**
     * Selected roles that already existed on the target and were left as they were (attributes,
     * password, settings and memberships unchanged).
     */
    public abstract List<String> existing();

    /**
     * Created roles that have no password on the target, because the source's password hashes
     * could not be read (reading them needs a superuser) or the role had none: set one with
     * {@code ALTER ROLE ... PASSWORD}.
     */
    public abstract List<String> withoutPassword();

    /** Reserved or provider-managed roles of the source that were not created. */
    public abstract List<String> reserved();

    /** Memberships granted on the target, as {@code "group -> member"}. */
    public abstract List<String> memberships();

    public static class Builder extends ImmutableRoleReport.Builder {}
}
