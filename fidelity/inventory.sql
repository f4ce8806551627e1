-- Inventory of a database by object kind: what a migration must carry. Run with psql (13+):
--   psql -X -At -F '<TAB>' -d regression -f fidelity/inventory.sql
-- A user object is one created after initdb (oid >= 16384, FirstNormalObjectId) that is not a
-- member of an extension (those come with CREATE EXTENSION). Output: kind <TAB> count, then the
-- shared libraries that C functions load, with how many functions load each.

SELECT current_setting('server_version_num')::int >= 140000 AS v14,
       current_setting('server_version_num')::int >= 150000 AS v15 \gset

CREATE TEMP VIEW inventory AS
WITH
not_ext AS (  -- objects of any catalog that are members of an extension
    SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
rel AS (
    SELECT c.*, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid >= 16384 AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
      AND NOT EXISTS (SELECT FROM not_ext e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)),
typ AS (
    SELECT t.* FROM pg_type t
    WHERE t.oid >= 16384
      AND NOT EXISTS (SELECT FROM not_ext e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)),
fn AS (
    SELECT p.*, l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
    WHERE p.oid >= 16384
      AND NOT EXISTS (SELECT FROM not_ext e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid))
SELECT * FROM (VALUES
    ('schemas', (SELECT count(*) FROM pg_namespace WHERE oid >= 16384 AND nspname !~ '^pg_(toast|temp_|toast_temp_)')),
    ('tables (relkind r, partitions included)', (SELECT count(*) FROM rel WHERE relkind = 'r')),
    ('unlogged tables', (SELECT count(*) FROM rel WHERE relkind IN ('r', 'p') AND relpersistence = 'u')),
    ('partitioned tables', (SELECT count(*) FROM rel WHERE relkind = 'p')),
    ('partitions', (SELECT count(*) FROM rel WHERE relispartition AND relkind IN ('r', 'p', 'f'))),
    ('inheritance children (not partitions)', (SELECT count(DISTINCT i.inhrelid) FROM pg_inherits i JOIN rel ON rel.oid = i.inhrelid WHERE NOT rel.relispartition)),
    ('inheritance children with more than one parent', (SELECT count(*) FROM (SELECT inhrelid FROM pg_inherits JOIN rel ON rel.oid = inhrelid WHERE NOT rel.relispartition GROUP BY 1 HAVING count(*) > 1) x)),
    ('typed tables (OF type)', (SELECT count(*) FROM rel WHERE relkind IN ('r', 'p') AND reloftype <> 0)),
    ('tables with dropped columns', (SELECT count(DISTINCT attrelid) FROM pg_attribute JOIN rel ON rel.oid = attrelid WHERE attisdropped AND rel.relkind IN ('r', 'p'))),
    ('tables with row level security enabled', (SELECT count(*) FROM rel WHERE relrowsecurity)),
    ('tables with non-default replica identity', (SELECT count(*) FROM rel WHERE relkind IN ('r', 'p') AND relreplident <> 'd')),
    ('tables and indexes with storage options (reloptions)', (SELECT count(*) FROM rel WHERE reloptions IS NOT NULL)),
    ('tables with a table access method other than heap', (SELECT count(*) FROM rel JOIN pg_am a ON a.oid = rel.relam WHERE rel.relkind IN ('r', 'm') AND a.amname <> 'heap')),
    ('views', (SELECT count(*) FROM rel WHERE relkind = 'v')),
    ('views with column defaults', (SELECT count(DISTINCT adrelid) FROM pg_attrdef JOIN rel ON rel.oid = adrelid WHERE rel.relkind = 'v')),
    ('materialized views', (SELECT count(*) FROM rel WHERE relkind = 'm')),
    ('materialized views not populated', (SELECT count(*) FROM rel WHERE relkind = 'm' AND NOT relispopulated)),
    ('sequences', (SELECT count(*) FROM rel WHERE relkind = 'S')),
    ('unlogged sequences', (SELECT count(*) FROM rel WHERE relkind = 'S' AND relpersistence = 'u')),
    ('foreign tables', (SELECT count(*) FROM rel WHERE relkind = 'f')),
    ('standalone composite types', (SELECT count(*) FROM rel WHERE relkind = 'c')),
    ('indexes', (SELECT count(*) FROM rel WHERE relkind IN ('i', 'I'))),
    ('columns with options (attoptions)', (SELECT count(*) FROM pg_attribute JOIN rel ON rel.oid = attrelid WHERE attoptions IS NOT NULL AND NOT attisdropped)),
    ('columns with a statistics target', (SELECT count(*) FROM pg_attribute JOIN rel ON rel.oid = attrelid WHERE coalesce(attstattarget, -1) >= 0 AND attnum > 0 AND NOT attisdropped)),
    ('columns with foreign-data options', (SELECT count(*) FROM pg_attribute JOIN rel ON rel.oid = attrelid WHERE attfdwoptions IS NOT NULL)),
    ('generated columns', (SELECT count(*) FROM pg_attribute JOIN rel ON rel.oid = attrelid WHERE attgenerated <> '' AND NOT attisdropped)),
    ('identity columns', (SELECT count(*) FROM pg_attribute JOIN rel ON rel.oid = attrelid WHERE attidentity <> '' AND NOT attisdropped)),
    ('columns with a non-default collation', (SELECT count(*) FROM pg_attribute a JOIN rel ON rel.oid = attrelid JOIN pg_type t ON t.oid = a.atttypid WHERE a.attcollation <> t.typcollation AND a.attcollation <> 0 AND NOT attisdropped)),
    ('constraints: check', (SELECT count(*) FROM pg_constraint WHERE oid >= 16384 AND contype = 'c' AND conrelid <> 0)),
    ('constraints: domain check', (SELECT count(*) FROM pg_constraint WHERE oid >= 16384 AND contype = 'c' AND contypid <> 0)),
    ('constraints: primary key', (SELECT count(*) FROM pg_constraint WHERE oid >= 16384 AND contype = 'p')),
    ('constraints: unique', (SELECT count(*) FROM pg_constraint WHERE oid >= 16384 AND contype = 'u')),
    ('constraints: foreign key', (SELECT count(*) FROM pg_constraint WHERE oid >= 16384 AND contype = 'f')),
    ('constraints: exclusion', (SELECT count(*) FROM pg_constraint WHERE oid >= 16384 AND contype = 'x')),
    ('constraints: trigger', (SELECT count(*) FROM pg_constraint WHERE oid >= 16384 AND contype = 't')),
    ('constraints: not valid', (SELECT count(*) FROM pg_constraint WHERE oid >= 16384 AND NOT convalidated)),
    ('triggers (not internal)', (SELECT count(*) FROM pg_trigger WHERE oid >= 16384 AND NOT tgisinternal)),
    ('triggers disabled or replica/always', (SELECT count(*) FROM pg_trigger WHERE oid >= 16384 AND NOT tgisinternal AND tgenabled <> 'O')),
    ('rules (not view _RETURN)', (SELECT count(*) FROM pg_rewrite WHERE oid >= 16384 AND rulename <> '_RETURN')),
    ('policies', (SELECT count(*) FROM pg_policy WHERE oid >= 16384)),
    ('statistics objects', (SELECT count(*) FROM pg_statistic_ext WHERE oid >= 16384)),
    ('types: base (not the array types made with each type)', (SELECT count(*) FROM typ WHERE typtype = 'b' AND typisdefined AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = typ.oid))),
    ('types: shell (never completed)', (SELECT count(*) FROM typ WHERE NOT typisdefined)),
    ('types: domains', (SELECT count(*) FROM typ WHERE typtype = 'd')),
    ('types: domains over domains', (SELECT count(*) FROM typ t JOIN pg_type b ON b.oid = t.typbasetype WHERE t.typtype = 'd' AND b.typtype = 'd')),
    ('types: domains over arrays or composites', (SELECT count(*) FROM typ t JOIN pg_type b ON b.oid = t.typbasetype WHERE t.typtype = 'd' AND (b.typelem <> 0 AND b.typlen = -1 OR b.typtype = 'c'))),
    ('types: enums', (SELECT count(*) FROM typ WHERE typtype = 'e')),
    ('types: ranges', (SELECT count(*) FROM typ WHERE typtype = 'r')),
    ('types: multiranges (14+)', (SELECT count(*) FROM typ WHERE typtype = 'm')),
    ('types: pseudo (user-defined)', (SELECT count(*) FROM typ WHERE typtype = 'p' AND typisdefined)),
    ('functions', (SELECT count(*) FROM fn WHERE prokind = 'f')),
    ('procedures', (SELECT count(*) FROM fn WHERE prokind = 'p')),
    ('aggregates', (SELECT count(*) FROM fn WHERE prokind = 'a')),
    ('window functions', (SELECT count(*) FROM fn WHERE prokind = 'w')),
    ('functions in C', (SELECT count(*) FROM fn WHERE lanname = 'c')),
    ('functions in internal', (SELECT count(*) FROM fn WHERE lanname = 'internal')),
    ('functions in SQL', (SELECT count(*) FROM fn WHERE lanname = 'sql')),
    ('functions in plpgsql', (SELECT count(*) FROM fn WHERE lanname = 'plpgsql')),
    ('functions in other languages', (SELECT count(*) FROM fn WHERE lanname NOT IN ('c', 'internal', 'sql', 'plpgsql'))),
    ('functions with SET options (proconfig)', (SELECT count(*) FROM fn WHERE proconfig IS NOT NULL)),
    ('functions with a support function', (SELECT count(*) FROM fn WHERE prosupport <> 0)),
    ('operators', (SELECT count(*) FROM pg_operator WHERE oid >= 16384 AND NOT EXISTS (SELECT FROM not_ext e WHERE e.classid = 'pg_operator'::regclass AND e.objid = pg_operator.oid))),
    ('operator classes', (SELECT count(*) FROM pg_opclass WHERE oid >= 16384 AND NOT EXISTS (SELECT FROM not_ext e WHERE e.classid = 'pg_opclass'::regclass AND e.objid = pg_opclass.oid))),
    ('operator families', (SELECT count(*) FROM pg_opfamily WHERE oid >= 16384 AND NOT EXISTS (SELECT FROM not_ext e WHERE e.classid = 'pg_opfamily'::regclass AND e.objid = pg_opfamily.oid))),
    ('access methods (index)', (SELECT count(*) FROM pg_am WHERE oid >= 16384 AND amtype = 'i')),
    ('access methods (table)', (SELECT count(*) FROM pg_am WHERE oid >= 16384 AND amtype = 't')),
    ('casts', (SELECT count(*) FROM pg_cast WHERE oid >= 16384 AND NOT EXISTS (SELECT FROM not_ext e WHERE e.classid = 'pg_cast'::regclass AND e.objid = pg_cast.oid))),
    ('conversions', (SELECT count(*) FROM pg_conversion WHERE oid >= 16384)),
    ('procedural languages', (SELECT count(*) FROM pg_language WHERE oid >= 16384 AND NOT EXISTS (SELECT FROM not_ext e WHERE e.classid = 'pg_language'::regclass AND e.objid = pg_language.oid))),
    ('transforms', (SELECT count(*) FROM pg_transform WHERE oid >= 16384)),
    ('event triggers', (SELECT count(*) FROM pg_event_trigger WHERE oid >= 16384)),
    ('publications', (SELECT count(*) FROM pg_publication WHERE oid >= 16384)),
    ('publication tables', (SELECT count(*) FROM pg_publication_rel WHERE oid >= 16384)),
    ('subscriptions (cluster-wide, this database)', (SELECT count(*) FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()))),
    ('text search parsers', (SELECT count(*) FROM pg_ts_parser WHERE oid >= 16384)),
    ('text search templates', (SELECT count(*) FROM pg_ts_template WHERE oid >= 16384)),
    ('text search dictionaries', (SELECT count(*) FROM pg_ts_dict WHERE oid >= 16384)),
    ('text search configurations', (SELECT count(*) FROM pg_ts_config WHERE oid >= 16384)),
    ('foreign data wrappers', (SELECT count(*) FROM pg_foreign_data_wrapper WHERE oid >= 16384)),
    ('foreign servers', (SELECT count(*) FROM pg_foreign_server WHERE oid >= 16384)),
    ('user mappings', (SELECT count(*) FROM pg_user_mapping WHERE oid >= 16384)),
    ('collations', (SELECT count(*) FROM pg_collation WHERE oid >= 16384)),
    ('extensions', (SELECT count(*) FROM pg_extension WHERE oid >= 16384)),
    ('security labels', (SELECT count(*) FROM pg_seclabel)),
    ('shared security labels', (SELECT count(*) FROM pg_shseclabel)),
    ('tablespaces (cluster-wide)', (SELECT count(*) FROM pg_tablespace WHERE oid >= 16384)),
    ('relations in a non-default tablespace', (SELECT count(*) FROM rel WHERE reltablespace <> 0)),
    ('large objects', (SELECT count(*) FROM pg_largeobject_metadata)),
    ('default privileges (pg_default_acl)', (SELECT count(*) FROM pg_default_acl)),
    ('comments', (SELECT count(*) FROM pg_description WHERE objoid >= 16384)),
    ('roles (cluster-wide)', (SELECT count(*) FROM pg_authid WHERE oid >= 16384)),
    ('role and database settings (pg_db_role_setting)', (SELECT count(*) FROM pg_db_role_setting)),
    ('changed privileges of initdb objects (pg_init_privs differs)', (SELECT count(*) FROM pg_init_privs ip JOIN pg_class c ON ip.classoid = 'pg_class'::regclass AND c.oid = ip.objoid AND ip.objsubid = 0 WHERE c.relacl IS DISTINCT FROM ip.initprivs))
) v(kind, n);

SELECT kind, n FROM inventory;

\if :v14
SELECT 'columns with a compression method (14+)', count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.oid >= 16384 AND a.attcompression <> '';
\endif
\if :v15
SELECT 'publications of schemas (15+)', count(*) FROM pg_publication_namespace;
SELECT 'publication tables with a row filter or column list (15+)', count(*) FROM pg_publication_rel WHERE prqual IS NOT NULL OR prattrs IS NOT NULL;
\endif

-- Shared libraries that user C functions load: creating them needs that file on the target.
SELECT 'C library ' || p.probin, count(*)
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE l.lanname = 'c' AND p.oid >= 16384
  AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
GROUP BY p.probin ORDER BY 1;
