package org.pgmigrate.engine.internal.verify;

import java.util.HashMap;
import java.util.Map;

/**
 * Which system catalog each OID column of the compared catalogs points into, so that its value
 * can be compared by the name of what it points to instead of by OID. Taken from PostgreSQL 18's
 * {@code pg_get_catalog_foreign_keys()} (single-column keys; columns of attribute numbers are
 * described by each {@link FactCatalog}), plus {@code pg_proc.protransform} of PostgreSQL 11. A
 * column of an OID type missing here is left out of the comparison and named in the report's
 * notes, so a new major shows up as a gap instead of as false differences.
 */
final class CatalogReferences {
    static final String ROLE = "pg_authid";

    private static final String REFERENCES = """
            pg_aggregate.aggcombinefn pg_proc; pg_aggregate.aggdeserialfn pg_proc; pg_aggregate.aggfinalfn pg_proc;
            pg_aggregate.aggfnoid pg_proc; pg_aggregate.aggmfinalfn pg_proc; pg_aggregate.aggminvtransfn pg_proc;
            pg_aggregate.aggmtransfn pg_proc; pg_aggregate.aggmtranstype pg_type; pg_aggregate.aggserialfn pg_proc;
            pg_aggregate.aggsortop pg_operator; pg_aggregate.aggtransfn pg_proc; pg_aggregate.aggtranstype pg_type;
            pg_am.amhandler pg_proc;
            pg_amop.amopfamily pg_opfamily; pg_amop.amoplefttype pg_type; pg_amop.amopmethod pg_am; pg_amop.amopopr pg_operator;
            pg_amop.amoprighttype pg_type; pg_amop.amopsortfamily pg_opfamily;
            pg_amproc.amproc pg_proc; pg_amproc.amprocfamily pg_opfamily; pg_amproc.amproclefttype pg_type;
            pg_amproc.amprocrighttype pg_type;
            pg_attrdef.adrelid pg_class;
            pg_attribute.attcollation pg_collation; pg_attribute.attrelid pg_class; pg_attribute.atttypid pg_type;
            pg_cast.castfunc pg_proc; pg_cast.castsource pg_type; pg_cast.casttarget pg_type;
            pg_class.relam pg_am; pg_class.relnamespace pg_namespace; pg_class.reloftype pg_type; pg_class.relowner pg_authid;
            pg_class.relrewrite pg_class; pg_class.reltablespace pg_tablespace; pg_class.reltoastrelid pg_class;
            pg_class.reltype pg_type;
            pg_collation.collnamespace pg_namespace; pg_collation.collowner pg_authid;
            pg_constraint.conexclop pg_operator; pg_constraint.conffeqop pg_operator; pg_constraint.confrelid pg_class;
            pg_constraint.conindid pg_class; pg_constraint.connamespace pg_namespace; pg_constraint.conparentid pg_constraint;
            pg_constraint.conpfeqop pg_operator; pg_constraint.conppeqop pg_operator; pg_constraint.conrelid pg_class;
            pg_constraint.contypid pg_type;
            pg_conversion.connamespace pg_namespace; pg_conversion.conowner pg_authid; pg_conversion.conproc pg_proc;
            pg_database.datdba pg_authid; pg_database.dattablespace pg_tablespace;
            pg_default_acl.defaclnamespace pg_namespace; pg_default_acl.defaclrole pg_authid;
            pg_enum.enumtypid pg_type;
            pg_event_trigger.evtfoid pg_proc; pg_event_trigger.evtowner pg_authid;
            pg_extension.extconfig pg_class; pg_extension.extnamespace pg_namespace; pg_extension.extowner pg_authid;
            pg_foreign_data_wrapper.fdwhandler pg_proc; pg_foreign_data_wrapper.fdwowner pg_authid;
            pg_foreign_data_wrapper.fdwvalidator pg_proc;
            pg_foreign_server.srvfdw pg_foreign_data_wrapper; pg_foreign_server.srvowner pg_authid;
            pg_foreign_table.ftrelid pg_class; pg_foreign_table.ftserver pg_foreign_server;
            pg_index.indclass pg_opclass; pg_index.indcollation pg_collation; pg_index.indexrelid pg_class; pg_index.indrelid pg_class;
            pg_inherits.inhparent pg_class; pg_inherits.inhrelid pg_class;
            pg_language.laninline pg_proc; pg_language.lanowner pg_authid; pg_language.lanplcallfoid pg_proc;
            pg_language.lanvalidator pg_proc;
            pg_largeobject_metadata.lomowner pg_authid;
            pg_namespace.nspowner pg_authid;
            pg_opclass.opcfamily pg_opfamily; pg_opclass.opcintype pg_type; pg_opclass.opckeytype pg_type; pg_opclass.opcmethod pg_am;
            pg_opclass.opcnamespace pg_namespace; pg_opclass.opcowner pg_authid;
            pg_operator.oprcode pg_proc; pg_operator.oprcom pg_operator; pg_operator.oprjoin pg_proc; pg_operator.oprleft pg_type;
            pg_operator.oprnamespace pg_namespace; pg_operator.oprnegate pg_operator; pg_operator.oprowner pg_authid;
            pg_operator.oprrest pg_proc; pg_operator.oprresult pg_type; pg_operator.oprright pg_type;
            pg_opfamily.opfmethod pg_am; pg_opfamily.opfnamespace pg_namespace; pg_opfamily.opfowner pg_authid;
            pg_partitioned_table.partclass pg_opclass; pg_partitioned_table.partcollation pg_collation;
            pg_partitioned_table.partdefid pg_class; pg_partitioned_table.partrelid pg_class;
            pg_policy.polrelid pg_class; pg_policy.polroles pg_authid;
            pg_proc.proallargtypes pg_type; pg_proc.proargtypes pg_type; pg_proc.prolang pg_language; pg_proc.pronamespace pg_namespace;
            pg_proc.proowner pg_authid; pg_proc.prorettype pg_type; pg_proc.prosupport pg_proc; pg_proc.protransform pg_proc;
            pg_proc.protrftypes pg_type; pg_proc.provariadic pg_type;
            pg_publication.pubowner pg_authid;
            pg_publication_namespace.pnnspid pg_namespace; pg_publication_namespace.pnpubid pg_publication;
            pg_publication_rel.prpubid pg_publication; pg_publication_rel.prrelid pg_class;
            pg_range.rngcanonical pg_proc; pg_range.rngcollation pg_collation; pg_range.rngmultitypid pg_type;
            pg_range.rngsubdiff pg_proc; pg_range.rngsubopc pg_opclass; pg_range.rngsubtype pg_type; pg_range.rngtypid pg_type;
            pg_rewrite.ev_class pg_class;
            pg_sequence.seqrelid pg_class; pg_sequence.seqtypid pg_type;
            pg_statistic_ext.stxnamespace pg_namespace; pg_statistic_ext.stxowner pg_authid; pg_statistic_ext.stxrelid pg_class;
            pg_subscription.subdbid pg_database; pg_subscription.subowner pg_authid;
            pg_transform.trffromsql pg_proc; pg_transform.trflang pg_language; pg_transform.trftosql pg_proc;
            pg_transform.trftype pg_type;
            pg_trigger.tgconstraint pg_constraint; pg_trigger.tgconstrindid pg_class; pg_trigger.tgconstrrelid pg_class;
            pg_trigger.tgfoid pg_proc; pg_trigger.tgparentid pg_trigger; pg_trigger.tgrelid pg_class;
            pg_ts_config.cfgnamespace pg_namespace; pg_ts_config.cfgowner pg_authid; pg_ts_config.cfgparser pg_ts_parser;
            pg_ts_config_map.mapcfg pg_ts_config; pg_ts_config_map.mapdict pg_ts_dict;
            pg_ts_dict.dictnamespace pg_namespace; pg_ts_dict.dictowner pg_authid; pg_ts_dict.dicttemplate pg_ts_template;
            pg_ts_parser.prsend pg_proc; pg_ts_parser.prsheadline pg_proc; pg_ts_parser.prslextype pg_proc;
            pg_ts_parser.prsnamespace pg_namespace; pg_ts_parser.prsstart pg_proc; pg_ts_parser.prstoken pg_proc;
            pg_ts_template.tmplinit pg_proc; pg_ts_template.tmpllexize pg_proc; pg_ts_template.tmplnamespace pg_namespace;
            pg_type.typanalyze pg_proc; pg_type.typarray pg_type; pg_type.typbasetype pg_type; pg_type.typcollation pg_collation;
            pg_type.typelem pg_type; pg_type.typinput pg_proc; pg_type.typmodin pg_proc; pg_type.typmodout pg_proc;
            pg_type.typnamespace pg_namespace; pg_type.typoutput pg_proc; pg_type.typowner pg_authid; pg_type.typreceive pg_proc;
            pg_type.typrelid pg_class; pg_type.typsend pg_proc; pg_type.typsubscript pg_proc;
            pg_user_mapping.umserver pg_foreign_server; pg_user_mapping.umuser pg_authid
            """;

    private static final Map<String, String> BY_COLUMN = parse();

    private CatalogReferences() {}

    /** The catalog that {@code table.column} points into, or null when it is not a reference. */
    static String of(String table, String column) {
        return BY_COLUMN.get(table + "." + column);
    }

    private static Map<String, String> parse() {
        Map<String, String> map = new HashMap<>();
        for (String entry : REFERENCES.split(";")) {
            String[] parts = entry.strip().split(" ");
            map.put(parts[0], parts[1]);
        }
        return Map.copyOf(map);
    }
}
