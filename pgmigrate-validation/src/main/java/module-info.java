/**
 * Pre-migration validation: the rule API ({@code org.pgmigrate.validation}) and its built-in
 * rules, which are provided as services and not exported.
 */
module org.pgmigrate.validation {
    requires transitive org.pgmigrate.api;
    requires org.slf4j;

    exports org.pgmigrate.validation;
    // shared with the engine only: which objects a target cannot create
    exports org.pgmigrate.validation.internal to org.pgmigrate.engine;

    uses org.pgmigrate.validation.Rule;
    provides org.pgmigrate.validation.Rule with
            org.pgmigrate.validation.rules.capacity.FreeConnectionsRule,
            org.pgmigrate.validation.rules.capacity.LockTableSizeRule,
            org.pgmigrate.validation.rules.connectivity.ConnectPrivilegeRule,
            org.pgmigrate.validation.rules.connectivity.CredentialsAcceptedRule,
            org.pgmigrate.validation.rules.connectivity.DatabaseAcceptsConnectionsRule,
            org.pgmigrate.validation.rules.connectivity.DatabaseExistsRule,
            org.pgmigrate.validation.rules.connectivity.ServerReachableRule,
            org.pgmigrate.validation.rules.encoding.CollationsOnTargetRule,
            org.pgmigrate.validation.rules.encoding.DatabaseEncodingRule,
            org.pgmigrate.validation.rules.encoding.DatabaseLocaleRule,
            org.pgmigrate.validation.rules.encoding.MoneyLocaleRule,
            org.pgmigrate.validation.rules.extensions.CFunctionsOutsideExtensionsRule,
            org.pgmigrate.validation.rules.extensions.CodeMissingOnTargetRule,
            org.pgmigrate.validation.rules.extensions.ExtensionDenyListRule,
            org.pgmigrate.validation.rules.extensions.ExtensionMissingOnTargetRule,
            org.pgmigrate.validation.rules.extensions.ExtensionNeedsPreloadRule,
            org.pgmigrate.validation.rules.extensions.ExtensionRequiresSuperuserRule,
            org.pgmigrate.validation.rules.extensions.ExtensionVersionOnTargetRule,
            org.pgmigrate.validation.rules.online.DdlNotReplicatedRule,
            org.pgmigrate.validation.rules.online.FreeReplicationSlotsRule,
            org.pgmigrate.validation.rules.online.FreeWalSendersRule,
            org.pgmigrate.validation.rules.online.InactiveReplicationSlotsRule,
            org.pgmigrate.validation.rules.online.LargeObjectsOnlineRule,
            org.pgmigrate.validation.rules.online.LongRunningTransactionsRule,
            org.pgmigrate.validation.rules.online.MaxSlotWalKeepSizeRule,
            org.pgmigrate.validation.rules.online.PublicationOwnershipRule,
            org.pgmigrate.validation.rules.online.ReplicationPrivilegeRule,
            org.pgmigrate.validation.rules.online.SequencesOnlineRule,
            org.pgmigrate.validation.rules.online.TablesWithoutReplicaIdentityRule,
            org.pgmigrate.validation.rules.online.UnloggedTablesRule,
            org.pgmigrate.validation.rules.online.WalLevelLogicalRule,
            org.pgmigrate.validation.rules.other.CustomTablespacesRule,
            org.pgmigrate.validation.rules.other.InvalidIndexesRule,
            org.pgmigrate.validation.rules.other.UnsupportedObjectsRule,
            org.pgmigrate.validation.rules.permissions.SourceLargeObjectSelectRule,
            org.pgmigrate.validation.rules.permissions.SourceSchemaUsageRule,
            org.pgmigrate.validation.rules.permissions.SourceSequenceSelectRule,
            org.pgmigrate.validation.rules.permissions.SourceTableSelectRule,
            org.pgmigrate.validation.rules.permissions.SuperuserOnlyObjectsRule,
            org.pgmigrate.validation.rules.permissions.TargetDatabaseCreateRule,
            org.pgmigrate.validation.rules.permissions.TargetOwnerMembershipRule,
            org.pgmigrate.validation.rules.permissions.TargetSchemaCreateRule,
            org.pgmigrate.validation.rules.permissions.TargetWritableRule,
            org.pgmigrate.validation.rules.roles.Md5PasswordsRule,
            org.pgmigrate.validation.rules.roles.ReservedRoleNamesRule,
            org.pgmigrate.validation.rules.roles.RolesMissingOnTargetRule,
            org.pgmigrate.validation.rules.roles.SuperuserOwnedObjectsRule,
            org.pgmigrate.validation.rules.roles.SystemCatalogGrantsRule,
            org.pgmigrate.validation.rules.target.OneMigrationAtATimeRule,
            org.pgmigrate.validation.rules.target.PreparedTransactionsRule,
            org.pgmigrate.validation.rules.target.ReservedSchemaNamesRule,
            org.pgmigrate.validation.rules.target.TargetDatabaseEmptyRule,
            org.pgmigrate.validation.rules.target.TargetExtensionClashesRule,
            org.pgmigrate.validation.rules.versions.IncompatiblePolymorphicsRule,
            org.pgmigrate.validation.rules.versions.PostfixOperatorsRule,
            org.pgmigrate.validation.rules.versions.RegTypeColumnsRule,
            org.pgmigrate.validation.rules.versions.RemovedDataTypesRule,
            org.pgmigrate.validation.rules.versions.TablesWithOidsRule,
            org.pgmigrate.validation.rules.versions.UserEncodingConversionsRule,
            org.pgmigrate.validation.rules.versions.VersionMinimumSourceRule,
            org.pgmigrate.validation.rules.versions.VersionNoDowngradeRule;
}
