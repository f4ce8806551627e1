package org.pgmigrate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a connection uses TLS, with libpq's meanings (pgjdbc implements the same six modes).
 * {@link #VERIFY_FULL} is the one that protects against a server impersonated on the network.
 */
public enum SslMode {
    /** Never TLS. */
    DISABLE("disable"),
    /** TLS only if the server insists. */
    ALLOW("allow"),
    /** TLS when the server offers it, without checking its certificate (libpq's and pgjdbc's default). */
    PREFER("prefer"),
    /** Always TLS, without checking the server's certificate. */
    REQUIRE("require"),
    /** Always TLS; the server's certificate must be signed by the root certificate. */
    VERIFY_CA("verify-ca"),
    /** As {@link #VERIFY_CA}, and the certificate must name the host connected to. */
    VERIFY_FULL("verify-full");

    private final String value;

    SslMode(String value) {
        this.value = value;
    }

    /** The value as libpq and pgjdbc spell it, e.g. {@code verify-full}. */
    public String value() {
        return value;
    }

    /**
     * The mode spelled {@code value} (case-insensitive).
     *
     * @throws PgMigrateException {@link ErrorKind#INVALID_REQUEST} naming the accepted values
     */
    public static SslMode of(String value) {
        for (SslMode mode : values()) {
            if (mode.value.equals(value.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Unknown sslmode '" + value + "'; use one of "
                + Arrays.stream(values()).map(SslMode::value).collect(Collectors.joining(", ")) + ".");
    }
}
