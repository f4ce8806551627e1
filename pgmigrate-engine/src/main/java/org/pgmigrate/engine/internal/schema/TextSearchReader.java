package org.pgmigrate.engine.internal.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.engine.internal.jdbc.Sql;

/**
 * Text search parsers and templates (functions put together, without owner), dictionaries, and
 * configurations with their token mappings.
 */
final class TextSearchReader {
    private final Catalog catalog;
    private final TargetRoles roles;
    private final SourceSchema out;

    TextSearchReader(Catalog catalog, TargetRoles roles, SourceSchema out) {
        this.catalog = catalog;
        this.roles = roles;
        this.out = out;
    }

    void read() throws SQLException {
        readParsers();
        readTemplates();
        readDictionaries();
        readConfigurations();
    }

    private void readParsers() throws SQLException {
        catalog.query("SELECT p.oid, n.nspname, p.prsname, p.prsstart::pg_catalog.regproc::text, p.prstoken::pg_catalog.regproc::text,"
                + " p.prsend::pg_catalog.regproc::text, NULLIF(p.prsheadline, 0)::pg_catalog.regproc::text,"
                + " p.prslextype::pg_catalog.regproc::text"
                + " FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_ts_parser", "p.oid")
                + " ORDER BY 2, 3", rs -> {
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    Statements s = new Statements(roles)
                            .add("CREATE TEXT SEARCH PARSER " + name + " (START = " + rs.getString(4) + ", GETTOKEN = " + rs.getString(5)
                                    + ", END = " + rs.getString(6) + ", LEXTYPES = " + rs.getString(8)
                                    + (rs.getString(7) == null ? "" : ", HEADLINE = " + rs.getString(7)) + ")")
                            .comment("TEXT SEARCH PARSER " + name, catalog.comment(ObjectRef.PG_TS_PARSER, rs.getLong(1), 0));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_TS_PARSER, rs.getLong(1)), "text search parser", name, s.toList()));
                });
    }

    private void readTemplates() throws SQLException {
        catalog.query("SELECT t.oid, n.nspname, t.tmplname, NULLIF(t.tmplinit, 0)::pg_catalog.regproc::text,"
                + " t.tmpllexize::pg_catalog.regproc::text"
                + " FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_ts_template", "t.oid")
                + " ORDER BY 2, 3", rs -> {
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    Statements s = new Statements(roles)
                            .add("CREATE TEXT SEARCH TEMPLATE " + name + " (" + (rs.getString(4) == null ? "" : "INIT = " + rs.getString(4) + ", ")
                                    + "LEXIZE = " + rs.getString(5) + ")")
                            .comment("TEXT SEARCH TEMPLATE " + name, catalog.comment(ObjectRef.PG_TS_TEMPLATE, rs.getLong(1), 0));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_TS_TEMPLATE, rs.getLong(1)), "text search template", name, s.toList()));
                });
    }

    private void readDictionaries() throws SQLException {
        catalog.query("SELECT d.oid, n.nspname, d.dictname, pg_catalog.pg_get_userbyid(d.dictowner),"
                + " pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.tmplname), d.dictinitoption"
                + " FROM pg_catalog.pg_ts_dict d JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace"
                + " JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_ts_dict", "d.oid")
                + " ORDER BY 2, 3", rs -> {
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    String options = rs.getString(6) == null ? "" : ", " + rs.getString(6);
                    Statements s = new Statements(roles)
                            .add("CREATE TEXT SEARCH DICTIONARY " + name + " (TEMPLATE = " + rs.getString(5) + options + ")")
                            .comment("TEXT SEARCH DICTIONARY " + name, catalog.comment(ObjectRef.PG_TS_DICT, rs.getLong(1), 0))
                            .owner("TEXT SEARCH DICTIONARY " + name, rs.getString(4));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_TS_DICT, rs.getLong(1)), "text search dictionary", name, s.toList()));
                });
    }

    private void readConfigurations() throws SQLException {
        Map<Long, List<String>> mappings = new HashMap<>();
        catalog.query("SELECT m.mapcfg, t.alias, string_agg(pg_catalog.quote_ident(dn.nspname) || '.' || pg_catalog.quote_ident(d.dictname),"
                + "   ', ' ORDER BY m.mapseqno)"
                + " FROM pg_catalog.pg_ts_config_map m JOIN pg_catalog.pg_ts_config c ON c.oid = m.mapcfg"
                + " CROSS JOIN LATERAL pg_catalog.ts_token_type(c.cfgparser) t"
                + " JOIN pg_catalog.pg_ts_dict d ON d.oid = m.mapdict JOIN pg_catalog.pg_namespace dn ON dn.oid = d.dictnamespace"
                + " WHERE t.tokid = m.maptokentype AND c.oid >= " + Catalog.FIRST_NORMAL_OID
                + " GROUP BY m.mapcfg, t.alias ORDER BY m.mapcfg, t.alias",
                rs -> mappings.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(Sql.ident(rs.getString(2)) + " WITH " + rs.getString(3)));
        catalog.query("SELECT c.oid, n.nspname, c.cfgname, pg_catalog.pg_get_userbyid(c.cfgowner),"
                + " pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.prsname)"
                + " FROM pg_catalog.pg_ts_config c JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace"
                + " JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace"
                + " WHERE " + SchemaFilter.userNamespace("n") + " AND " + Dependencies.notMember("pg_ts_config", "c.oid")
                + " ORDER BY 2, 3", rs -> {
                    String name = Sql.qualified(rs.getString(2), rs.getString(3));
                    Statements s = new Statements(roles).add("CREATE TEXT SEARCH CONFIGURATION " + name + " (PARSER = " + rs.getString(5) + ")");
                    mappings.getOrDefault(rs.getLong(1), List.of())
                            .forEach(m -> s.add("ALTER TEXT SEARCH CONFIGURATION " + name + " ADD MAPPING FOR " + m));
                    s.comment("TEXT SEARCH CONFIGURATION " + name, catalog.comment(ObjectRef.PG_TS_CONFIG, rs.getLong(1), 0))
                            .owner("TEXT SEARCH CONFIGURATION " + name, rs.getString(4));
                    out.add(SchemaObject.preData(ObjectRef.of(ObjectRef.PG_TS_CONFIG, rs.getLong(1)), "text search configuration", name, s.toList()));
                });
    }
}
