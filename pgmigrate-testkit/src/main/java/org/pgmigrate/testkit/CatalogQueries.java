package org.pgmigrate.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The testkit's own catalog queries, written for the major they run on. Each returns the object
 * kind's label, an OID-free name (identifiers quoted as SQL would), then one column per property.
 * They run with {@code search_path = pg_catalog}, so every user object is rendered
 * schema-qualified. None of this shares code with the engine, so a catalog-reading bug there cannot
 * hide itself here.
 */
final class CatalogQueries {
    /** Schemas that are never user content; {@code pgmigrate} is the tool's own journal. */
    private static final String SYSTEM_SCHEMAS =
            "('pg_catalog', 'information_schema', 'pgmigrate')";

    private final int major;
    private final boolean withoutMaintain;

    /**
     * @param withoutMaintain leave the MAINTAIN privilege out of ACLs; it exists from 17 on, and
     *     17 gives it to every table owner by default, so it cannot be compared with older majors
     */
    CatalogQueries(int major, boolean withoutMaintain) {
        this.major = major;
        this.withoutMaintain = withoutMaintain;
    }

    List<String> all() {
        List<String> all = new ArrayList<>(List.of(database(), roleSettings(), defaultPrivileges(), schemas(), extensions(), types(),
                collations(), sequences(), relations(), columns(), constraints(), indexes(), triggers(), triggerClones(),
                rules(), policies(), statistics(), functions(), aggregates(), operators(), casts(),
                textSearchConfigurations(), textSearchDictionaries(), eventTriggers(), largeObjects(), changedPrivileges(), foreignDataWrappers(), foreignServers(),
                userMappings(), languages(), transforms(), conversions(), textSearchParsers(), textSearchTemplates(),
                publications(), subscriptions()));
        all.addAll(OperatorClassQueries.all());
        return all;
    }

    /**
     * The server-wide objects: roles other than the predefined ones and the bootstrap superuser,
     * their memberships, and the databases other than the templates, with their properties.
     *
     * @param membershipOptions compare the INHERIT and SET options of memberships (both sides 16+)
     * @param otherMajor the major of the other side: locale providers are compared when both have them
     */
    List<String> server(boolean membershipOptions, int otherMajor) {
        int both = Math.min(major, otherMajor);
        String provider = both < 15 ? "" : ", d.datlocprovider::text AS locale_provider, "
                + (major >= 17 ? "d.datlocale" : "d.daticulocale") + " AS provider_locale";
        String roles = """
                SELECT 'role', quote_ident(r.rolname), r.rolsuper::text AS superuser, r.rolinherit::text AS inherit,
                       r.rolcreaterole::text AS createrole, r.rolcreatedb::text AS createdb, r.rolcanlogin::text AS login,
                       r.rolreplication::text AS replication, r.rolbypassrls::text AS bypassrls,
                       r.rolconnlimit::text AS connection_limit, r.rolvaliduntil::text AS valid_until,
                       a.rolpassword AS password, shobj_description(r.oid, 'pg_authid') AS comment,
                       (SELECT string_agg(s, ', ' ORDER BY s COLLATE "C")
                        FROM pg_db_role_setting rs, unnest(rs.setconfig) s
                        WHERE rs.setrole = r.oid AND rs.setdatabase = 0) AS settings
                FROM pg_roles r JOIN pg_authid a ON a.oid = r.oid
                WHERE r.rolname !~ '^pg_' AND r.oid <> 10
                """;
        String memberships = """
                SELECT 'role membership', quote_ident(g.rolname) || ' to ' || quote_ident(m.rolname),
                       am.admin_option::text AS admin, quote_ident(gr.rolname) AS grantor %s
                FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
                LEFT JOIN pg_roles gr ON gr.oid = am.grantor
                WHERE m.rolname !~ '^pg_' AND m.oid <> 10
                """.formatted(membershipOptions ? ", am.inherit_option::text AS inherit, am.set_option::text AS set" : "");
        String databases = """
                SELECT 'database', quote_ident(d.datname), pg_encoding_to_char(d.encoding) AS encoding,
                       d.datcollate AS collate, d.datctype AS ctype, pg_get_userbyid(d.datdba) AS owner,
                       d.datconnlimit::text AS connection_limit, %s AS acl,
                       shobj_description(d.oid, 'pg_database') AS comment,
                       (SELECT string_agg(s, ', ' ORDER BY s COLLATE "C")
                        FROM pg_db_role_setting rs, unnest(rs.setconfig) s
                        WHERE rs.setdatabase = d.oid AND rs.setrole = 0) AS settings %s
                FROM pg_database d WHERE NOT d.datistemplate
                """.formatted(acl("d.datacl", "'d'", "d.datdba"), provider);
        return List.of(roles, memberships, databases);
    }

    /** Names every sequence, to read its current value separately. */
    String sequenceNames() {
        return """
                SELECT format('%%I.%%I', n.nspname, c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'S' AND %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_class", "c.oid"));
    }

    /** Names every table, partition and materialized view that holds rows. */
    String tablesWithData() {
        return """
                SELECT format('%%I.%%I', n.nspname, c.relname), c.oid, c.relkind = 'm' AND NOT c.relispopulated
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'm') AND %s AND %s
                ORDER BY 1
                """.formatted(userSchema("n"), notExtensionMember("pg_class", "c.oid"));
    }

    /**
     * The columns of one table (bound parameter: its OID): quoted name, the OID of its type (of
     * the base type for a domain) and, for an array, of the element type.
     */
    String columnsOf() {
        return """
                SELECT format('%I', a.attname), bt.oid::int,
                       CASE WHEN bt.typcategory = 'A' THEN bt.typelem::int ELSE 0 END
                FROM pg_attribute a
                JOIN pg_type t ON t.oid = a.atttypid
                JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
                WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
                """;
    }

    private String database() {
        return """
                SELECT 'database', '', pg_get_userbyid(d.datdba) AS owner,
                       %s AS acl,
                       shobj_description(d.oid, 'pg_database') AS comment,
                       (SELECT string_agg(s, ', ' ORDER BY s COLLATE "C")
                        FROM pg_db_role_setting rs, unnest(rs.setconfig) s
                        WHERE rs.setdatabase = d.oid AND rs.setrole = 0) AS settings
                FROM pg_database d WHERE d.datname = current_database()
                """.formatted(acl("d.datacl", "'d'", "d.datdba"));
    }

    private String roleSettings() {
        return """
                SELECT 'role settings', format('%I', pg_get_userbyid(rs.setrole)),
                       (SELECT string_agg(s, ', ' ORDER BY s COLLATE "C") FROM unnest(rs.setconfig) s) AS settings
                FROM pg_db_role_setting rs
                WHERE rs.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND rs.setrole <> 0
                """;
    }

    private String defaultPrivileges() {
        return """
                SELECT 'default privileges',
                       format('for role %%I', pg_get_userbyid(d.defaclrole))
                       || CASE WHEN d.defaclnamespace = 0 THEN '' ELSE format(' in schema %%I', n.nspname) END
                       || ' on ' || CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
                                      WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas'
                                      WHEN 'L' THEN 'large objects'
                                      ELSE d.defaclobjtype::text END,
                       %s AS acl
                FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
                """.formatted(acl("d.defaclacl", null, null));
    }

    private String schemas() {
        return """
                SELECT 'schema', format('%%I', n.nspname), pg_get_userbyid(n.nspowner) AS owner,
                       %s AS acl, obj_description(n.oid, 'pg_namespace') AS comment
                FROM pg_namespace n
                WHERE %s AND %s
                """.formatted(acl("n.nspacl", "'n'", "n.nspowner"), userSchema("n"),
                notExtensionMember("pg_namespace", "n.oid"));
    }

    private String extensions() {
        return """
                SELECT 'extension', format('%I', e.extname), e.extversion AS version,
                       format('%I', n.nspname) AS schema, obj_description(e.oid, 'pg_extension') AS comment
                FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                """;
    }

    private String types() {
        return """
                SELECT 'type', t.oid::regtype::text,
                       CASE WHEN NOT t.typisdefined THEN 'shell'
                            ELSE CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite'
                                                WHEN 'r' THEN 'range' WHEN 'b' THEN 'base' WHEN 'p' THEN 'pseudo'
                                                ELSE t.typtype::text END END AS kind,
                       pg_get_userbyid(t.typowner) AS owner,
                       %s AS acl,
                       obj_description(t.oid, 'pg_type') AS comment,
                       (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                        FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
                       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
                       CASE WHEN t.typtype = 'd' THEN t.typnotnull END AS not_null,
                       %s AS not_null_name,
                       t.typdefault AS default,
                       %s AS collation,
                       (SELECT string_agg(format('%%I %%s%%s', co.conname, pg_get_constraintdef(co.oid),
                                          CASE WHEN co.convalidated THEN '' ELSE ' (not validated)' END),
                                          '; ' ORDER BY co.conname)
                        FROM pg_constraint co WHERE co.contypid = t.oid AND co.contype <> 'n') AS constraints,
                       (SELECT string_agg(format('%%I %%s', a.attname, format_type(a.atttypid, a.atttypmod))
                                          || coalesce(' COLLATE ' || %s, ''), ', ' ORDER BY a.attnum)
                        FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
                        WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
                           AS attributes,
                       r.rngsubtype::regtype AS subtype,
                       (SELECT format('%%I.%%I', ocn.nspname, oc.opcname) FROM pg_opclass oc
                        JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace WHERE oc.oid = r.rngsubopc) AS subtype_opclass,
                       CASE WHEN r.rngcollation <> 0 THEN %s END AS subtype_collation,
                       nullif(r.rngcanonical, 0)::regproc AS canonical,
                       nullif(r.rngsubdiff, 0)::regproc AS subtype_diff,
                       CASE WHEN t.typtype = 'b' THEN concat_ws(' ', 'input', t.typinput::regproc, 'output', t.typoutput::regproc,
                            'receive', t.typreceive::regproc, 'send', t.typsend::regproc, 'length', t.typlen,
                            'byval', t.typbyval, 'align', t.typalign, 'storage', t.typstorage, 'category', t.typcategory)
                       END AS base_definition,
                       CASE WHEN t.typtype = 'b' THEN concat_ws(' ', 'typmod_in', t.typmodin::regproc, 'typmod_out', t.typmodout::regproc,
                            'analyze', t.typanalyze::regproc, 'preferred', t.typispreferred, 'delimiter', quote_literal(t.typdelim::text),
                            'element', nullif(t.typelem, 0)::regtype, 'collatable', t.typcollation <> 0,
                            'array', nullif(t.typarray, 0)::regtype)
                       END AS base_options,
                       %s AS subscript
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                LEFT JOIN pg_range r ON r.rngtypid = t.oid
                WHERE %s AND %s
                  AND t.typtype NOT IN ('m')
                  AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)
                  AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
                """.formatted(acl("t.typacl", "'T'", "t.typowner"), domainNotNullName(),
                collationName("t.typcollation", "(SELECT bt.typcollation FROM pg_type bt WHERE bt.oid = t.typbasetype)"),
                collationName("a.attcollation", "at.typcollation"),
                collationName("r.rngcollation", "0"), subscript(),
                userSchema("n"), notExtensionMember("pg_type", "t.oid") + " AND " + notInternalDependent("pg_type", "t.oid"));
    }

    /**
     * The name of a domain's NOT NULL constraint (17+), where it is not the one the server
     * chooses itself (older majors have no name, and a newer one chooses that one for theirs).
     */
    private String domainNotNullName() {
        return major < 17 ? "NULL::text"
                : "(SELECT quote_ident(nn.conname) FROM pg_constraint nn WHERE nn.contypid = t.oid AND nn.contype = 'n'"
                + " AND nn.conname <> t.typname || '_not_null')";
    }

    /**
     * A base type's subscripting handler (14+), unless it is the one CREATE TYPE picks itself for a
     * fixed-length type with an element type, which older majors subscript without a handler.
     */
    private String subscript() {
        return major < 14 ? "NULL::regproc"
                : "CASE WHEN t.typtype = 'b' AND t.typsubscript <> 0 AND NOT (t.typsubscript = 'raw_array_subscript_handler'::regproc"
                + " AND t.typlen > 0 AND t.typelem <> 0) THEN t.typsubscript END";
    }

    private String collations() {
        String icuLocale = major >= 17 ? "c.colllocale" : major >= 15 ? "c.colliculocale" : "NULL::text";
        String icuRules = major >= 16 ? "c.collicurules" : "NULL::text";
        String deterministic = major >= 12 ? "c.collisdeterministic" : "true";
        // Where ICU keeps its locale moved between majors; report one "locale" either way.
        return """
                SELECT 'collation', format('%%I.%%I', n.nspname, c.collname),
                       c.collprovider AS provider,
                       CASE WHEN c.collprovider = 'i' THEN coalesce(%s, c.collcollate) ELSE c.collcollate END AS locale,
                       CASE WHEN c.collprovider = 'i' THEN NULL ELSE c.collctype END AS ctype,
                       %s AS icu_rules,
                       %s AS deterministic,
                       pg_get_userbyid(c.collowner) AS owner,
                       obj_description(c.oid, 'pg_collation') AS comment
                FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
                WHERE %s AND %s
                """.formatted(icuLocale, icuRules, deterministic, userSchema("n"),
                notExtensionMember("pg_collation", "c.oid"));
    }

    private String sequences() {
        return """
                SELECT 'sequence', format('%%I.%%I', n.nspname, c.relname),
                       format_type(s.seqtypid, NULL) AS data_type,
                       s.seqstart AS start, s.seqincrement AS increment, s.seqmin AS min, s.seqmax AS max,
                       s.seqcache AS cache, s.seqcycle AS cycle, c.relpersistence AS persistence,
                       (SELECT format('%%I.%%I.%%I', tn.nspname, tc.relname, ta.attname)
                               || CASE d.deptype WHEN 'i' THEN ' (identity)' ELSE '' END
                        FROM pg_depend d
                        JOIN pg_class tc ON tc.oid = d.refobjid
                        JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                        JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')) AS owned_by,
                       pg_get_userbyid(c.relowner) AS owner,
                       %s AS acl,
                       obj_description(c.oid, 'pg_class') AS comment
                FROM pg_sequence s
                JOIN pg_class c ON c.oid = s.seqrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE %s AND %s
                """.formatted(acl("c.relacl", "'s'", "c.relowner"), userSchema("n"),
                notExtensionMember("pg_class", "c.oid"));
    }

    private String relations() {
        // Tables got access methods in 12; "heap" is the only one the older majors had. A
        // partitioned table's persistence is not compared: UNLOGGED did nothing there before 18,
        // which refuses it.
        String accessMethod = major >= 12
                ? "nullif((SELECT am.amname FROM pg_am am WHERE am.oid = c.relam AND c.relkind IN ('r', 'm')), 'heap')"
                : "NULL::name";
        return """
                SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                                      WHEN 'f' THEN 'foreign table' ELSE 'table' END,
                       format('%%I.%%I', n.nspname, c.relname),
                       CASE c.relkind WHEN 'r' THEN 'ordinary' WHEN 'p' THEN 'partitioned' END AS kind,
                       CASE WHEN c.relkind <> 'p' THEN c.relpersistence END AS persistence,
                       (SELECT string_agg(o, ', ' ORDER BY o COLLATE "C") FROM unnest(c.reloptions) o) AS options,
                       (SELECT string_agg(o, ', ' ORDER BY o COLLATE "C") FROM pg_class tc, unnest(tc.reloptions) o
                        WHERE tc.oid = c.reltoastrelid) AS toast_options,
                       %s AS access_method,
                       (SELECT t.spcname FROM pg_tablespace t WHERE t.oid = c.reltablespace) AS tablespace,
                       nullif(c.reloftype, 0)::regtype AS typed_as,
                       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
                       CASE WHEN c.relispartition THEN
                           (SELECT format('%%I.%%I', pn.nspname, p.relname) FROM pg_inherits i
                            JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                            WHERE i.inhrelid = c.oid) END AS partition_of,
                       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
                       CASE WHEN NOT c.relispartition THEN
                           (SELECT string_agg(format('%%I.%%I', pn.nspname, p.relname), ', ' ORDER BY i.inhseqno)
                            FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                            JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid) END AS inherits,
                       CASE WHEN c.relkind IN ('r', 'p') THEN c.relrowsecurity END AS row_security,
                       CASE WHEN c.relkind IN ('r', 'p') THEN c.relforcerowsecurity END AS force_row_security,
                       CASE WHEN c.relkind IN ('r', 'p', 'm') THEN c.relreplident END AS replica_identity,
                       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS definition,
                       CASE WHEN c.relkind = 'm' THEN c.relispopulated END AS populated,
                       (SELECT format('server %%I', fs.srvname) || coalesce(' options ' || array_to_string(ft.ftoptions, ', '), '')
                        FROM pg_foreign_table ft JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
                        WHERE ft.ftrelid = c.oid) AS foreign_server,
                       pg_get_userbyid(c.relowner) AS owner,
                       %s AS acl,
                       obj_description(c.oid, 'pg_class') AS comment
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND %s AND %s
                """.formatted(accessMethod, acl("c.relacl", "'r'", "c.relowner"), userSchema("n"),
                notExtensionMember("pg_class", "c.oid"));
    }

    private String columns() {
        String generated = major >= 12 ? "nullif(a.attgenerated, '')" : "NULL::text";
        // 18 keeps a NOT NULL as a constraint with a name, NOT VALID or NO INHERIT, the table's
        // own or inherited, or both.
        String notNullConstraint = major >= 18 ? """
                (SELECT format('%I', nn.conname) || CASE WHEN nn.convalidated THEN '' ELSE ' not valid' END
                        || CASE WHEN nn.connoinherit THEN ' no inherit' ELSE '' END
                        || CASE WHEN nn.coninhcount = 0 THEN '' WHEN nn.conislocal THEN ' own and inherited' ELSE ' inherited' END
                 FROM pg_constraint nn WHERE nn.conrelid = a.attrelid AND nn.contype = 'n' AND nn.conkey = ARRAY[a.attnum])"""
                : "NULL::text";
        String notNullComment = major >= 18 ? """
                (SELECT obj_description(nn.oid, 'pg_constraint') FROM pg_constraint nn
                 WHERE nn.conrelid = a.attrelid AND nn.contype = 'n' AND nn.conkey = ARRAY[a.attnum])"""
                : "NULL::text";
        // The testkit's 18 gives every column an option pg_attver=<WAL position> when it is
        // created, which no statement can set or reset: it tells when, not what, so it is left out.
        // 17 keeps "no statistics target set" as NULL, older majors as -1. From 17 partitions
        // show their parent's identity; it is the parent's, so it is compared there only.
        // Compression methods are 14+.
        String compression = major >= 14 ? "nullif(a.attcompression, '')" : "NULL::\"char\"";
        return """
                SELECT 'column', format('%%I.%%I.%%I', n.nspname, c.relname, a.attname),
                       row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS position,
                       a.attislocal AS local,
                       a.attinhcount AS inherited_from,
                       %s AS compression,
                       format_type(a.atttypid, a.atttypmod) AS type,
                       %s AS collation,
                       a.attnotnull AS not_null,
                       %s AS not_null_constraint,
                       %s AS not_null_comment,
                       pg_get_expr(d.adbin, d.adrelid) AS default,
                       CASE WHEN NOT c.relispartition THEN nullif(a.attidentity, '') END AS identity,
                       %s AS generated,
                       nullif(coalesce(a.attstattarget::int, -1), -1) AS statistics,
                       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,
                       (SELECT string_agg(o, ', ' ORDER BY o COLLATE "C") FROM unnest(a.attoptions) o
                        WHERE o NOT LIKE 'pg\\_attver=%%') AS options,
                       col_description(c.oid, a.attnum) AS comment,
                       %s AS acl
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                  AND %s AND %s
                """.formatted(compression, collationName("a.attcollation", "t.typcollation"), notNullConstraint, notNullComment, generated,
                columnAcl("a.attacl"), userSchema("n"), notExtensionMember("pg_class", "c.oid"));
    }

    private String constraints() {
        // Partitions of a referenced table get internal copies of the foreign key with the same
        // name on the same table; only the one without a parent on that table is the user's.
        // NOT NULL constraints (18+) are compared with their columns. Constraints are NOT
        // ENFORCED from 18 on only.
        String enforced = major >= 18 ? "co.conenforced" : "true";
        return """
                SELECT 'constraint', format('%%I.%%I.%%I', n.nspname, c.relname, co.conname),
                       co.contype AS type,
                       pg_get_constraintdef(co.oid) AS definition,
                       co.convalidated AS validated,
                       co.conislocal AS local,
                       co.coninhcount AS inherited_from,
                       %s AS enforced,
                       co.condeferrable AS deferrable,
                       co.condeferred AS deferred,
                       obj_description(co.oid, 'pg_constraint') AS comment
                FROM pg_constraint co
                JOIN pg_class c ON c.oid = co.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE co.contype <> 'n'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.oid = co.conparentid AND p.conrelid = co.conrelid)
                  AND %s AND %s
                """.formatted(enforced, userSchema("n"), notExtensionMember("pg_class", "c.oid"));
    }

    private String indexes() {
        return """
                SELECT 'index', format('%%I.%%I', n.nspname, ic.relname),
                       pg_get_indexdef(i.indexrelid) AS definition,
                       i.indisclustered AS clustered,
                       i.indisreplident AS replica_identity,
                       i.indisvalid AS valid,
                       (SELECT t.spcname FROM pg_tablespace t WHERE t.oid = ic.reltablespace) AS tablespace,
                       obj_description(ic.oid, 'pg_class') AS comment
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = ic.relnamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_class", "i.indrelid"));
    }

    private String triggers() {
        // Row triggers of a partitioned table are cloned onto its partitions: internal before 13,
        // marked with tgparentid from 13. The parent's trigger stands for them.
        String notClone = major >= 13 ? "tg.tgparentid = 0" : "true";
        return """
                SELECT 'trigger', format('%%I.%%I.%%I', n.nspname, c.relname, tg.tgname),
                       pg_get_triggerdef(tg.oid) AS definition,
                       tg.tgenabled AS enabled,
                       obj_description(tg.oid, 'pg_trigger') AS comment
                FROM pg_trigger tg
                JOIN pg_class c ON c.oid = tg.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT tg.tgisinternal AND %s AND %s AND %s
                """.formatted(notClone, userSchema("n"), notExtensionMember("pg_class", "c.oid"));
    }

    /**
     * The clones of a partitioned table's row triggers on its partitions, which the trigger makes:
     * only their firing state is their own. The server links each to the trigger it was cloned from
     * in pg_depend on every major; the triggers of foreign keys are compared as their constraints.
     */
    private String triggerClones() {
        return """
                SELECT 'trigger', format('%%I.%%I.%%I', n.nspname, c.relname, tg.tgname) || ' (clone)',
                       tg.tgenabled AS enabled
                FROM pg_trigger tg
                JOIN pg_class c ON c.oid = tg.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_trigger'::regclass AND d.objid = tg.oid
                                AND d.refclassid = 'pg_trigger'::regclass)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.oid = tg.tgconstraint AND co.contype = 'f')
                  AND %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_class", "c.oid"));
    }

    private String rules() {
        return """
                SELECT 'rule', format('%%I.%%I.%%I', n.nspname, c.relname, r.rulename),
                       pg_get_ruledef(r.oid) AS definition,
                       r.ev_enabled AS enabled,
                       obj_description(r.oid, 'pg_rewrite') AS comment
                FROM pg_rewrite r
                JOIN pg_class c ON c.oid = r.ev_class
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE r.rulename <> '_RETURN' AND %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_class", "c.oid"));
    }

    private String policies() {
        return """
                SELECT 'policy', format('%%I.%%I.%%I', n.nspname, c.relname, p.polname),
                       p.polcmd AS command,
                       p.polpermissive AS permissive,
                       (SELECT string_agg(x.role, ', ' ORDER BY x.role COLLATE "C")
                        FROM (SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END AS role
                              FROM unnest(p.polroles) r) x) AS roles,
                       pg_get_expr(p.polqual, p.polrelid) AS using,
                       pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
                       obj_description(p.oid, 'pg_policy') AS comment
                FROM pg_policy p
                JOIN pg_class c ON c.oid = p.polrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_class", "c.oid"));
    }

    private String statistics() {
        return """
                SELECT 'statistics', format('%%I.%%I', n.nspname, s.stxname),
                       -- Which kinds a definition lists depends on which kinds the major has
                       -- (11 lists none when all are chosen), so they are compared from stxkind.
                       regexp_replace(pg_get_statisticsobjdef(s.oid), ' \\([a-z, ]+\\) ON ', ' ON ') AS definition,
                       array_to_string(s.stxkind, ', ') AS kinds,
                       pg_get_userbyid(s.stxowner) AS owner,
                       obj_description(s.oid, 'pg_statistic_ext') AS comment
                FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_statistic_ext", "s.oid"));
    }

    private String functions() {
        return """
                SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,
                       p.oid::regprocedure::text,
                       pg_get_functiondef(p.oid) AS definition,
                       pg_get_userbyid(p.proowner) AS owner,
                       %s AS acl,
                       obj_description(p.oid, 'pg_proc') AS comment
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.prokind <> 'a' AND %s AND %s
                """.formatted(acl("p.proacl", "'f'", "p.proowner"), userSchema("n"),
                notExtensionMember("pg_proc", "p.oid") + " AND " + notInternalDependent("pg_proc", "p.oid"));
    }

    private String aggregates() {
        return """
                SELECT 'aggregate', p.oid::regprocedure::text,
                       pg_get_function_arguments(p.oid) AS arguments,
                       pg_get_function_result(p.oid) AS result,
                       a.aggkind AS kind, a.aggnumdirectargs AS direct_arguments,
                       a.aggtransfn::regproc AS sfunc, a.aggtranstype::regtype AS stype, a.aggtransspace AS sspace,
                       nullif(a.aggfinalfn, 0)::regproc AS finalfunc, a.aggfinalextra AS finalfunc_extra,
                       a.aggfinalmodify AS finalfunc_modify,
                       nullif(a.aggcombinefn, 0)::regproc AS combinefunc,
                       nullif(a.aggserialfn, 0)::regproc AS serialfunc,
                       nullif(a.aggdeserialfn, 0)::regproc AS deserialfunc,
                       nullif(a.aggmtransfn, 0)::regproc AS msfunc,
                       nullif(a.aggminvtransfn, 0)::regproc AS minvfunc,
                       nullif(a.aggmtranstype, 0)::regtype AS mstype, a.aggmtransspace AS msspace,
                       nullif(a.aggmfinalfn, 0)::regproc AS mfinalfunc, a.aggmfinalextra AS mfinalfunc_extra,
                       a.aggmfinalmodify AS mfinalfunc_modify,
                       nullif(a.aggsortop, 0)::regoperator AS sortop,
                       a.agginitval AS initcond, a.aggminitval AS minitcond,
                       p.proparallel AS parallel,
                       pg_get_userbyid(p.proowner) AS owner,
                       %s AS acl,
                       obj_description(p.oid, 'pg_proc') AS comment
                FROM pg_proc p
                JOIN pg_aggregate a ON a.aggfnoid = p.oid
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE %s AND %s
                """.formatted(acl("p.proacl", "'f'", "p.proowner"), userSchema("n"),
                notExtensionMember("pg_proc", "p.oid") + " AND " + notInternalDependent("pg_proc", "p.oid"));
    }

    private String operators() {
        return """
                SELECT 'operator', o.oid::regoperator::text,
                       o.oprkind AS kind, o.oprcode::regproc AS function, o.oprresult::regtype AS result,
                       nullif(o.oprcom, 0)::regoperator AS commutator, nullif(o.oprnegate, 0)::regoperator AS negator,
                       nullif(o.oprrest, 0)::regproc AS restrict, nullif(o.oprjoin, 0)::regproc AS join,
                       o.oprcanmerge AS merges, o.oprcanhash AS hashes,
                       pg_get_userbyid(o.oprowner) AS owner,
                       obj_description(o.oid, 'pg_operator') AS comment
                FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_operator", "o.oid"));
    }

    private String casts() {
        // OIDs below 16384 are assigned at initdb: the built-in casts.
        return """
                SELECT 'cast', format('(%%s AS %%s)', c.castsource::regtype, c.casttarget::regtype),
                       nullif(c.castfunc, 0)::regprocedure AS function,
                       c.castcontext AS context, c.castmethod AS method,
                       obj_description(c.oid, 'pg_cast') AS comment
                FROM pg_cast c
                WHERE c.oid >= 16384 AND %s
                """.formatted(notExtensionMember("pg_cast", "c.oid") + " AND " + notInternalDependent("pg_cast", "c.oid"));
    }

    private String textSearchConfigurations() {
        return """
                SELECT 'text search configuration', format('%%I.%%I', n.nspname, cfg.cfgname),
                       (SELECT format('%%I.%%I', pn.nspname, prs.prsname) FROM pg_ts_parser prs
                        JOIN pg_namespace pn ON pn.oid = prs.prsnamespace WHERE prs.oid = cfg.cfgparser) AS parser,
                       (SELECT string_agg(tt.alias || ' = ' || m.dictionaries, '; ' ORDER BY tt.alias COLLATE "C")
                        FROM (SELECT cm.maptokentype, string_agg(cm.mapdict::regdictionary::text, ', ' ORDER BY cm.mapseqno) AS dictionaries
                              FROM pg_ts_config_map cm WHERE cm.mapcfg = cfg.oid GROUP BY cm.maptokentype) m
                        JOIN ts_token_type(cfg.cfgparser) tt ON tt.tokid = m.maptokentype) AS mappings,
                       pg_get_userbyid(cfg.cfgowner) AS owner,
                       obj_description(cfg.oid, 'pg_ts_config') AS comment
                FROM pg_ts_config cfg JOIN pg_namespace n ON n.oid = cfg.cfgnamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_ts_config", "cfg.oid"));
    }

    private String textSearchDictionaries() {
        return """
                SELECT 'text search dictionary', format('%%I.%%I', n.nspname, d.dictname),
                       (SELECT format('%%I.%%I', tn.nspname, t.tmplname) FROM pg_ts_template t
                        JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE t.oid = d.dicttemplate) AS template,
                       d.dictinitoption AS options,
                       pg_get_userbyid(d.dictowner) AS owner,
                       obj_description(d.oid, 'pg_ts_dict') AS comment
                FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_ts_dict", "d.oid"));
    }

    private String eventTriggers() {
        return """
                SELECT 'event trigger', format('%I', e.evtname),
                       e.evtevent AS event, e.evtfoid::regproc AS function, e.evtenabled AS enabled,
                       array_to_string(e.evttags, ', ') AS tags,
                       pg_get_userbyid(e.evtowner) AS owner,
                       obj_description(e.oid, 'pg_event_trigger') AS comment
                FROM pg_event_trigger e
                """;
    }

    private String foreignDataWrappers() {
        return """
                SELECT 'foreign data wrapper', quote_ident(w.fdwname),
                       pg_get_userbyid(w.fdwowner) AS owner, w.fdwhandler::regproc::text AS handler,
                       w.fdwvalidator::regproc::text AS validator, array_to_string(w.fdwoptions, ', ') AS options,
                       %s AS acl, obj_description(w.oid, 'pg_foreign_data_wrapper') AS comment
                FROM pg_foreign_data_wrapper w
                """.formatted(acl("w.fdwacl", "'F'", "w.fdwowner"));
    }

    private String foreignServers() {
        return """
                SELECT 'foreign server', quote_ident(s.srvname),
                       pg_get_userbyid(s.srvowner) AS owner, quote_ident(w.fdwname) AS wrapper, s.srvtype AS type,
                       s.srvversion AS version, array_to_string(s.srvoptions, ', ') AS options,
                       %s AS acl, obj_description(s.oid, 'pg_foreign_server') AS comment
                FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
                """.formatted(acl("s.srvacl", "'S'", "s.srvowner"));
    }

    private String userMappings() {
        return """
                SELECT 'user mapping', CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(m.usename) END
                       || ' server ' || quote_ident(m.srvname), array_to_string(m.umoptions, ', ') AS options
                FROM pg_user_mappings m
                """;
    }

    private String languages() {
        return """
                SELECT 'language', quote_ident(l.lanname), pg_get_userbyid(l.lanowner) AS owner, %s AS acl,
                       l.lanpltrusted::text AS trusted, nullif(l.lanplcallfoid, 0)::regprocedure::text AS handler,
                       nullif(l.laninline, 0)::regprocedure::text AS inline,
                       nullif(l.lanvalidator, 0)::regprocedure::text AS validator,
                       obj_description(l.oid, 'pg_language') AS comment
                FROM pg_language l WHERE l.lanname NOT IN ('internal', 'c')
                """.formatted(acl("l.lanacl", "'l'", "l.lanowner"));
    }

    private String transforms() {
        return """
                SELECT 'transform', format('for %%s language %%I', t.trftype::regtype, l.lanname),
                       nullif(t.trffromsql, 0)::regprocedure::text AS from_sql,
                       nullif(t.trftosql, 0)::regprocedure::text AS to_sql,
                       obj_description(t.oid, 'pg_transform') AS comment
                FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang
                WHERE %s
                """.formatted(notExtensionMember("pg_transform", "t.oid"));
    }

    private String conversions() {
        // The function by name: its signature changed in 14, and a conversion names it, not its signature.
        return """
                SELECT 'conversion', format('%%I.%%I', n.nspname, c.conname),
                       pg_encoding_to_char(c.conforencoding) AS source_encoding,
                       pg_encoding_to_char(c.contoencoding) AS target_encoding,
                       c.conproc::regproc::text AS function, c.condefault::text AS default,
                       pg_get_userbyid(c.conowner) AS owner,
                       obj_description(c.oid, 'pg_conversion') AS comment
                FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_conversion", "c.oid"));
    }

    private String textSearchParsers() {
        return """
                SELECT 'text search parser', format('%%I.%%I', n.nspname, p.prsname),
                       p.prsstart::regproc::text AS start, p.prstoken::regproc::text AS gettoken,
                       p.prsend::regproc::text AS "end", nullif(p.prsheadline, 0)::regproc::text AS headline,
                       p.prslextype::regproc::text AS lextypes,
                       obj_description(p.oid, 'pg_ts_parser') AS comment
                FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_ts_parser", "p.oid"));
    }

    private String textSearchTemplates() {
        return """
                SELECT 'text search template', format('%%I.%%I', n.nspname, t.tmplname),
                       nullif(t.tmplinit, 0)::regproc::text AS init, t.tmpllexize::regproc::text AS lexize,
                       obj_description(t.oid, 'pg_ts_template') AS comment
                FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace
                WHERE %s AND %s
                """.formatted(userSchema("n"), notExtensionMember("pg_ts_template", "t.oid"));
    }

    /**
     * Publications with what they publish: each table with its column list and row filter (15+),
     * each schema (15+). Options a major lacks are left out where they have their default value.
     */
    private String publications() {
        String viaRoot = major >= 13 ? "CASE WHEN p.pubviaroot THEN 'true' END" : "NULL::text";
        String columns = major >= 15
                ? """
                  coalesce(' (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
                                    WHERE a.attrelid = r.prrelid AND a.attnum = ANY (r.prattrs)) || ')', '')
                  || coalesce(' WHERE ' || pg_get_expr(r.prqual, r.prrelid), '')"""
                : "''";
        String schemas = major >= 15
                ? """
                  (SELECT string_agg(quote_ident(sn.nspname), ', ' ORDER BY sn.nspname COLLATE "C")
                   FROM pg_publication_namespace pn JOIN pg_namespace sn ON sn.oid = pn.pnnspid WHERE pn.pnpubid = p.oid)"""
                : "NULL::text";
        return """
                SELECT 'publication', quote_ident(p.pubname), pg_get_userbyid(p.pubowner) AS owner,
                       p.puballtables::text AS all_tables,
                       concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                                 CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END) AS publish,
                       %s AS via_partition_root,
                       (SELECT string_agg(format('%%I.%%I', tn.nspname, tc.relname) || %s, '; '
                                          ORDER BY format('%%I.%%I', tn.nspname, tc.relname) COLLATE "C")
                        FROM pg_publication_rel r JOIN pg_class tc ON tc.oid = r.prrelid
                        JOIN pg_namespace tn ON tn.oid = tc.relnamespace WHERE r.prpubid = p.oid) AS tables,
                       %s AS schemas,
                       obj_description(p.oid, 'pg_publication') AS comment
                FROM pg_publication p
                """.formatted(viaRoot, columns, schemas);
    }

    /**
     * The subscriptions of the current database (pg_subscription is shared by the server). Options
     * a major lacks are left out where they have their default value.
     */
    private String subscriptions() {
        String streaming = major >= 16 ? "CASE s.substream WHEN 't' THEN 'on' WHEN 'p' THEN 'parallel' END"
                : major >= 14 ? "CASE WHEN s.substream THEN 'on' END" : "NULL::text";
        return """
                SELECT 'subscription', quote_ident(s.subname), pg_get_userbyid(s.subowner) AS owner,
                       s.subenabled::text AS enabled, s.subconninfo AS connection, s.subslotname::text AS slot_name,
                       array_to_string(s.subpublications, ', ') AS publications, s.subsynccommit AS synchronous_commit,
                       %s AS binary, %s AS streaming, %s AS two_phase, %s AS disable_on_error, %s AS password_required,
                       %s AS run_as_owner, %s AS origin, %s AS failover,
                       obj_description(s.oid, 'pg_subscription') AS comment
                FROM pg_subscription s
                WHERE s.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
                """.formatted(major >= 14 ? "CASE WHEN s.subbinary THEN 'true' END" : "NULL::text", streaming,
                major >= 15 ? "CASE WHEN s.subtwophasestate <> 'd' THEN 'on' END" : "NULL::text",
                major >= 15 ? "CASE WHEN s.subdisableonerr THEN 'true' END" : "NULL::text",
                major >= 16 ? "CASE WHEN NOT s.subpasswordrequired THEN 'false' END" : "NULL::text",
                major >= 16 ? "CASE WHEN s.subrunasowner THEN 'true' END" : "NULL::text",
                major >= 16 ? "nullif(s.suborigin, 'any')" : "NULL::text",
                major >= 17 ? "CASE WHEN s.subfailover THEN 'true' END" : "NULL::text");
    }

    private String largeObjects() {
        return """
                SELECT 'large object', m.oid::text,
                       pg_get_userbyid(m.lomowner) AS owner,
                       %s AS acl,
                       obj_description(m.oid, 'pg_largeobject') AS comment,
                       md5(lo_get(m.oid)) AS content_md5
                FROM pg_largeobject_metadata m
                """.formatted(acl("m.lomacl", "'L'", "m.lomowner"));
    }

    /**
     * Objects the database did not create itself (the system's, but not information_schema's,
     * which initdb makes after it records the initial privileges; an extension's), whose
     * privileges are not those they started with. Columns start with none.
     */
    private String changedPrivileges() {
        String[][] catalogs = {
            {"pg_class", "relacl", "relowner", "CASE WHEN x.relkind = 'S' THEN 's' ELSE 'r' END::\"char\"", "x.relnamespace"},
            {"pg_proc", "proacl", "proowner", "'f'", "x.pronamespace"}, {"pg_type", "typacl", "typowner", "'T'", "x.typnamespace"},
            {"pg_namespace", "nspacl", "nspowner", "'n'", "x.oid"}, {"pg_language", "lanacl", "lanowner", "'l'", null},
            {"pg_foreign_data_wrapper", "fdwacl", "fdwowner", "'F'", null}, {"pg_foreign_server", "srvacl", "srvowner", "'S'", null},
        };
        List<String> parts = new ArrayList<>();
        for (String[] c : catalogs) {
            String initial = "coalesce((SELECT ip.initprivs FROM pg_init_privs ip WHERE ip.classoid = '" + c[0] + "'::regclass"
                    + " AND ip.objoid = x.oid AND ip.objsubid = 0), acldefault(" + c[3] + ", x." + c[2] + "))";
            String schema = c[4] == null ? "''" : "(SELECT n.nspname FROM pg_namespace n WHERE n.oid = " + c[4] + ")";
            parts.add("SELECT 'changed privileges', (SELECT i.type || ' ' || i.identity FROM pg_identify_object('" + c[0]
                    + "'::regclass, x.oid, 0) i), " + acl("x." + c[1], null, null) + " AS acl FROM " + c[0] + " x"
                    + " WHERE x." + c[1] + " IS NOT NULL AND " + sortedAcl("x." + c[1]) + " IS DISTINCT FROM " + sortedAcl(initial)
                    + " AND " + systemOrExtension(c[0], "x.oid", schema));
        }
        String initial = "coalesce((SELECT ip.initprivs FROM pg_init_privs ip WHERE ip.classoid = 'pg_class'::regclass"
                + " AND ip.objoid = x.attrelid AND ip.objsubid = x.attnum), '{}')";
        parts.add("SELECT 'changed privileges', (SELECT i.type || ' ' || i.identity FROM pg_identify_object('pg_class'::regclass,"
                + " x.attrelid, 0) i) || '.' || quote_ident(x.attname), " + acl("x.attacl", null, null) + " AS acl FROM pg_attribute x"
                + " WHERE x.attacl IS NOT NULL AND x.attnum > 0 AND NOT x.attisdropped"
                + " AND " + sortedAcl("x.attacl") + " IS DISTINCT FROM " + sortedAcl(initial)
                + " AND " + systemOrExtension("pg_class", "x.attrelid",
                        "(SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = x.attrelid)"));
        return String.join("\nUNION ALL\n", parts);
    }

    private static String sortedAcl(String acl) {
        return "ARRAY(SELECT i::text FROM unnest(" + acl + ") i ORDER BY 1)";
    }

    private static String systemOrExtension(String catalog, String oid, String schema) {
        return "((" + oid + " < 16384 AND " + schema + " NOT IN ('information_schema', 'public')"
                + " AND " + schema + " NOT LIKE 'pg\\_toast%' AND " + schema + " NOT LIKE 'pg\\_temp\\_%')"
                + " OR NOT " + notExtensionMember(catalog, oid) + ")";
    }

    /**
     * The privileges of an ACL as a sorted list (the array's order is an accident of history),
     * with a NULL ACL replaced by the built-in default it stands for.
     */
    private String acl(String aclColumn, String defaultKind, String ownerColumn) {
        // aclexplode() of NULL gives no rows, which is right where NULL means "no privileges".
        String acl = defaultKind == null
                ? aclColumn
                : "coalesce(" + aclColumn + ", acldefault(" + defaultKind + ", " + ownerColumn + "))";
        String filter = withoutMaintain ? " WHERE ai.privilege_type <> 'MAINTAIN'" : "";
        return "coalesce((SELECT string_agg(x.item, ', ' ORDER BY x.item COLLATE \"C\") FROM ("
                + "SELECT CASE WHEN ai.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(ai.grantee)) END"
                + " || ' ' || ai.privilege_type || CASE WHEN ai.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END"
                + " || ' by ' || quote_ident(pg_get_userbyid(ai.grantor)) AS item"
                + " FROM aclexplode(" + acl + ") ai" + filter + ") x), 'none')";
    }

    /** Column privileges, absent where there are none (the usual case). */
    private String columnAcl(String aclColumn) {
        return "nullif(" + acl(aclColumn, null, null) + ", 'none')";
    }

    /** The collation's name where it differs from the type's own one. */
    private static String collationName(String collationColumn, String typeCollation) {
        return "(SELECT format('%I.%I', cn.nspname, co.collname) FROM pg_collation co"
                + " JOIN pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE co.oid = " + collationColumn + " AND " + collationColumn + " <> 0"
                + " AND " + collationColumn + " IS DISTINCT FROM " + typeCollation + ")";
    }

    static String userSchema(String namespaceAlias) {
        return "(" + namespaceAlias + ".nspname NOT IN " + SYSTEM_SCHEMAS
                + " AND " + namespaceAlias + ".nspname NOT LIKE 'pg\\_toast%'"
                + " AND " + namespaceAlias + ".nspname NOT LIKE 'pg\\_temp\\_%')";
    }

    /**
     * Objects the server made for another one (a range type's constructors, multirange type and
     * cast) come back with it, so they are compared through it.
     */
    private static String notInternalDependent(String catalog, String oidColumn) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '" + catalog + "'::regclass"
                + " AND dep.objid = " + oidColumn + " AND dep.deptype = 'i')";
    }

    /** Objects an extension created come back with CREATE EXTENSION; the extension itself is compared. */
    static String notExtensionMember(String catalog, String oidColumn) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '" + catalog + "'::regclass"
                + " AND dep.objid = " + oidColumn + " AND dep.deptype = 'e')";
    }
}
