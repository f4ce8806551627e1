package org.pgmigrate.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {
    @ParameterizedTest
    @CsvSource({
        "Linux, amd64, LINUX_X86_64, linux-amd64, postgres-linux-x86_64.txz",
        "Linux, x86_64, LINUX_X86_64, linux-amd64, postgres-linux-x86_64.txz",
        "Linux, aarch64, LINUX_ARM_64, linux-arm64v8, postgres-linux-arm_64.txz",
        "Mac OS X, x86_64, MACOS_X86_64, darwin-amd64, postgres-darwin-x86_64.txz",
        "Mac OS X, aarch64, MACOS_ARM_64, darwin-arm64v8, postgres-darwin-arm_64.txz",
        "Darwin, arm64, MACOS_ARM_64, darwin-arm64v8, postgres-darwin-arm_64.txz",
    })
    void mapsTheJvmsOsAndArchitectureToZonkysNames(String osName, String osArch, Platform platform, String zonkyName,
            String archive) {
        assertThat(Platform.of(osName, osArch)).isEqualTo(platform);
        assertThat(platform.zonkyName()).isEqualTo(zonkyName);
        assertThat(platform.archive()).isEqualTo(archive);
    }

    @ParameterizedTest
    @CsvSource({"Windows 11, amd64", "Linux, ppc64le", "Linux, arm", "FreeBSD, amd64"})
    void refusesPlatformsWithoutBinariesNamingWhatItSupports(String osName, String osArch) {
        assertThatThrownBy(() -> Platform.of(osName, osArch))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(osName + " on " + osArch)
                .hasMessageContaining("Linux and macOS, x86_64 or arm64");
    }
}
