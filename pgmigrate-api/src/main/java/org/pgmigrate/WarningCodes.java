package org.pgmigrate;

/**
 * The codes of {@link MigrationWarning#code()}: stable identifiers a program may match on. The
 * messages that come with them may change between versions; these do not.
 */
public final class WarningCodes {
    /** An object of a kind, or in a form, that pgmigrate does not migrate (a postfix operator into 14+, a language without handler). */
    public static final String UNSUPPORTED_OBJECT = "unsupported-object";
    /** An object the target cannot create, found before anything changed; left out (with what depends on it) when asked. */
    public static final String UNCREATABLE_OBJECT = "uncreatable-object";
    /** Subscriptions not carried: not asked for, or the source user may not read them. */
    public static final String SUBSCRIPTION_NOT_MIGRATED = "subscription-not-migrated";
    /** Subscriptions carried disabled and without connecting, to be enabled by hand. */
    public static final String SUBSCRIPTION_DISABLED = "subscription-disabled";
    /** The verification found differences, and the policy only warns of them. */
    public static final String VERIFICATION_DIFFERENCE = "verification-difference";
    /** Changed privileges of system objects, left out because a filter selects less than the whole database. */
    public static final String SYSTEM_PRIVILEGES_NOT_MIGRATED = "system-privileges-not-migrated";
    /** Security labels whose provider the target has not loaded. */
    public static final String SECURITY_LABELS_NOT_MIGRATED = "security-labels-not-migrated";
    /** Roles the target user may not create. */
    public static final String ROLES_NOT_CREATED = "roles-not-created";
    /** Objects of a reserved role (predefined, provider-managed, bootstrap superuser) given to another owner. */
    public static final String ROLE_REASSIGNED = "role-reassigned";
    /** Login roles created without a password, the source's hashes being unreadable. */
    public static final String ROLE_PASSWORD_NOT_READ = "role-password-not-read";
    /** A role that owns or is granted something does not exist on the target. */
    public static final String ROLE_MISSING = "role-missing";
    /** Role attributes only a superuser may give, left out. */
    public static final String ROLE_ATTRIBUTES_DROPPED = "role-attributes-dropped";
    /** Role memberships granted by the target user rather than by their original grantor. */
    public static final String MEMBERSHIP_GRANTOR_CHANGED = "membership-grantor-changed";
    /** A task failed for a transient reason and ran again. */
    public static final String RETRIED = "retried";
    /** The run continued an earlier one from its journal. */
    public static final String RESUMED = "resumed";
    /** An online run's source failed over: the stream went on from another server of the source URL. */
    public static final String SOURCE_FAILOVER = "source-failover";
    /** An online run's slot, publication or origin could not be dropped. */
    public static final String REPLICATION_CLEANUP = "replication-cleanup";
    /** Changed privileges of system or extension objects that do not exist on the target. */
    public static final String PRIVILEGES_OF_MISSING_OBJECT = "privileges-of-missing-object";
    /** Changed privileges of system or extension objects the target user may not set. */
    public static final String PRIVILEGES_NOT_SET = "privileges-not-set";
    /** An extension created at another version than the source's, which the target lacks. */
    public static final String EXTENSION_VERSION = "extension-version";
    /** The database's owner or privileges the target user may not set. */
    public static final String DATABASE_PROPERTIES_NOT_SET = "database-properties-not-set";
    /** Inheritance children whose column order a target before 17 cannot keep. */
    public static final String COLUMN_ORDER = "column-order";

    private WarningCodes() {}
}
