package org.pgmigrate;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns libpq URIs and JDBC URLs into endpoints, taking credentials out of the URL so that
 * what is printed can never show a password.
 */
final class ConnectionUrls {
    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final String DEFAULT_PORT = "5432";

    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "dbname", "dbname");

    /** libpq's target_session_attrs values, as pgjdbc's targetServerType spells them. */
    private static final Map<String, String> SESSION_ATTRS_TO_JDBC = Map.of(
            "any", "any",
            "read-write", "primary",
            "primary", "primary",
            "read-only", "secondary",
            "standby", "secondary",
            "prefer-standby", "preferSecondary");

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
                case "sslpassword":
                    builder.sslPassword(value);
                    break;
                case "passfile":
                    builder.passFile(path(value));
                    break;
                case "dbname":
                    database = value;
                    break;
                case "host":
                    authority = value;
                    break;
                case "target_session_attrs":
                    builder.putProperties("targetServerType", sessionAttrs(value));
                    break;
                default:
                    builder.putProperties(LIBPQ_TO_JDBC.getOrDefault(name, name), value);
            }
        }
        String hosts = authority.isEmpty() ? "localhost" : authority;
        checkHosts(hosts);
        builder.jdbcUrl(JDBC_PREFIX + "//" + hosts + "/" + encode(database));
        return builder;
    }

    private static String sessionAttrs(String value) {
        String jdbc = SESSION_ATTRS_TO_JDBC.get(value);
        if (jdbc == null) {
            throw invalid("Unknown target_session_attrs '" + value + "' in the connection URL; use one of "
                    + String.join(", ", new java.util.TreeSet<>(SESSION_ATTRS_TO_JDBC.keySet())) + ".");
        }
        return jdbc;
    }

    /** How many hosts a JDBC URL names: more than one when it follows a primary among servers. */
    static int hostCount(String jdbcUrl) {
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String main = query >= 0 ? rest.substring(0, query) : rest;
        if (!main.startsWith("//")) {
            return 1;
        }
        int slash = main.indexOf('/', 2);
        return (slash >= 0 ? main.substring(2, slash) : main.substring(2)).split(",", -1).length;
    }

    private static Endpoint.Builder parseJdbc(String url) {
        Endpoint.Builder builder = Endpoint.builder();
        int query = url.indexOf('?');
        String main = query >= 0 ? url.substring(0, query) : url;
        if (main.startsWith(JDBC_PREFIX + "//")) {
            String rest = main.substring(JDBC_PREFIX.length() + 2);
            int slash = rest.indexOf('/');
            String hosts = slash >= 0 ? rest.substring(0, slash) : rest;
            if (hosts.contains("@")) {
                // pgjdbc would take "user:password@host" for a host name, and print it in its errors
                throw invalid("jdbc:postgresql: URLs take the user and password as parameters (?user=...&password=...),"
                        + " not before the host; or use a postgresql://user:password@host/db URI.");
            }
            checkHosts(hosts.isEmpty() ? "localhost" : hosts);
        }
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
            } else if (name.equals("sslpassword")) {
                builder.sslPassword(value);
            } else {
                if (name.equals("sslmode")) {
                    SslMode.of(value);
                }
                kept.append(sep).append(pair);
                sep = '&';
            }
        }
        return builder.jdbcUrl(kept.toString());
    }

    /** The first host, its port and the database of a JDBC URL, as a password file matches them. */
    static final class Address {
        final String host;
        final String port;
        final String database;

        Address(String host, String port, String database) {
            this.host = host;
            this.port = port;
            this.database = database;
        }
    }

    static Address address(String jdbcUrl) {
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String main = query >= 0 ? rest.substring(0, query) : rest;
        if (!main.startsWith("//")) {
            return new Address("localhost", DEFAULT_PORT, decode(main));
        }
        int slash = main.indexOf('/', 2);
        String hosts = slash >= 0 ? main.substring(2, slash) : main.substring(2);
        String database = slash >= 0 ? decode(main.substring(slash + 1)) : "";
        String first = hosts.split(",")[0];
        int colon = first.lastIndexOf(':');
        boolean hasPort = colon >= 0 && !first.endsWith("]");
        String host = hasPort ? first.substring(0, colon) : first;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Address(host.isEmpty() ? "localhost" : host, hasPort ? first.substring(colon + 1) : DEFAULT_PORT, database);
    }

    /**
     * Fails on a host list pgjdbc would reject later with a vaguer message. The values are not
     * quoted: a password with an unencoded '/' or '@' ends up here, and must not be printed.
     */
    private static void checkHosts(String hosts) {
        for (String host : hosts.split(",", -1)) {
            int colon = host.lastIndexOf(':');
            boolean bracketed = host.startsWith("[");
            if (bracketed ? !host.contains("]") : host.indexOf(':') != colon) {
                throw invalid("Malformed host in the connection URL; write host:port, and an IPv6 address as [address]:port.");
            }
            boolean hasPort = colon >= 0 && !host.endsWith("]");
            String name = hasPort ? host.substring(0, colon) : host;
            if (name.isEmpty() || name.equals("[]") || name.matches(".*[\\s/@?#%].*")) {
                throw invalid("Malformed host in the connection URL; write host:port with a host name or address.");
            }
            if (hasPort) {
                String port = host.substring(colon + 1);
                if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    throw invalid("Bad port in the connection URL" + (port.matches("\\d{1,9}") ? " (" + port + ")" : "")
                            + "; a port is a number from 1 to 65535.");
                }
            }
        }
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid("The passfile parameter of the connection URL is not a valid file name.");
        }
    }

    /** The database a JDBC URL names, if any. */
    static java.util.Optional<String> database(String jdbcUrl) {
        String database = address(jdbcUrl).database;
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
