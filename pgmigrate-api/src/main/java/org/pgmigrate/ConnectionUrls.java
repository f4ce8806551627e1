package org.pgmigrate;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns libpq URIs and JDBC URLs into endpoints, taking credentials out of the URL so that
 * what is printed can never show a password.
 */
final class ConnectionUrls {
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType",
            "dbname", "dbname");

    private ConnectionUrls() {}

    static Endpoint.Builder parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("The connection URL is empty.");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith(JDBC_PREFIX)) {
            return parseJdbc(trimmed);
        }
        for (String scheme : new String[] {"postgresql://", "postgres://"}) {
            if (trimmed.startsWith(scheme)) {
                return parseLibpq(trimmed.substring(scheme.length()));
            }
        }
        throw invalid("Unsupported connection URL; use postgresql://user@host:port/dbname or jdbc:postgresql://host:port/dbname.");
    }

    private static Endpoint.Builder parseLibpq(String rest) {
        Endpoint.Builder builder = Endpoint.builder();
        int query = rest.indexOf('?');
        String params = query >= 0 ? rest.substring(query + 1) : "";
        String main = query >= 0 ? rest.substring(0, query) : rest;
        int slash = main.indexOf('/');
        String authority = slash >= 0 ? main.substring(0, slash) : main;
        String database = slash >= 0 ? decode(main.substring(slash + 1)) : "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            if (!user.isEmpty()) {
                builder.user(user);
            }
            if (colon >= 0) {
                builder.password(decode(userInfo.substring(colon + 1)));
            }
        }
        for (String pair : params.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invalid("Malformed URL parameter '" + pair.replaceAll("(?i)password.*", "password=…") + "'; expected name=value.");
            }
            String name = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            switch (name) {
                case "user":
                    builder.user(value);
                    break;
                case "password":
                    builder.password(value);
                    break;
                case "dbname":
                    database = value;
                    break;
                case "host":
                    authority = value;
                    break;
                default:
                    builder.putProperties(LIBPQ_TO_JDBC.getOrDefault(name, name), value);
            }
        }
        String hosts = authority.isEmpty() ? "localhost" : authority;
        builder.jdbcUrl(JDBC_PREFIX + "//" + hosts + "/" + encode(database));
        return builder;
    }

    private static Endpoint.Builder parseJdbc(String url) {
        Endpoint.Builder builder = Endpoint.builder();
        int query = url.indexOf('?');
        if (query < 0) {
            return builder.jdbcUrl(url);
        }
        StringBuilder kept = new StringBuilder(url.substring(0, query));
        char sep = '?';
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq >= 0 ? pair.substring(0, eq) : pair;
            String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            if (name.equals("user")) {
                builder.user(value);
            } else if (name.equals("password")) {
                builder.password(value);
            } else {
                kept.append(sep).append(pair);
                sep = '&';
            }
        }
        return builder.jdbcUrl(kept.toString());
    }

    /** The database a JDBC URL names, if any. */
    static java.util.Optional<String> database(String jdbcUrl) {
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String main = query >= 0 ? rest.substring(0, query) : rest;
        String path = main.startsWith("//") ? (main.indexOf('/', 2) >= 0 ? main.substring(main.indexOf('/', 2) + 1) : "") : main;
        String database = decode(path);
        return database.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(database);
    }

    /** The JDBC URL with its database path replaced. */
    static String replaceDatabase(String jdbcUrl, String database) {
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String params = query >= 0 ? rest.substring(query) : "";
        String main = query >= 0 ? rest.substring(0, query) : rest;
        if (!main.startsWith("//")) {
            return JDBC_PREFIX + encode(database) + params;
        }
        int slash = main.indexOf('/', 2);
        String hosts = slash >= 0 ? main.substring(0, slash) : main;
        return JDBC_PREFIX + hosts + "/" + encode(database) + params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("Malformed percent-encoding in the connection URL.");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static PgMigrateException invalid(String message) {
        return new PgMigrateException(ErrorKind.INVALID_REQUEST, message);
    }
}
