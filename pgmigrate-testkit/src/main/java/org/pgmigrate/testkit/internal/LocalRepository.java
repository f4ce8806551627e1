package org.pgmigrate.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The local Maven repository, where Maven would look for and put an artifact. */
public record LocalRepository(Path root) {

    /** The repository Maven of this user uses: see {@link #of(Properties)}. */
    public static LocalRepository ofThisJvm() {
        return of(System.getProperties());
    }

    /**
     * {@code maven.repo.local} when set (Surefire and Failsafe hand a command line's {@code -D} on to
     * the tests they fork), else {@code localRepository} of
     * {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}; {@code user.home} says where {@code ~} is.
     */
    public static LocalRepository of(Properties systemProperties) {
        String explicit = systemProperties.getProperty("maven.repo.local", "").strip();
        if (!explicit.isEmpty()) {
            return new LocalRepository(Path.of(explicit));
        }
        String home = systemProperties.getProperty("user.home");
        Path m2 = Path.of(home, ".m2");
        return new LocalRepository(fromSettings(m2.resolve("settings.xml"), home).orElse(m2.resolve("repository")));
    }

    /** Where {@code artifact}'s jar is, or would be put. */
    public Path pathOf(ZonkyArtifact artifact) {
        return root.resolve(artifact.repositoryPath());
    }

    private static Optional<Path> fromSettings(Path settings, String home) {
        if (!Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setNamespaceAware(true);
            NodeList nodes = factory.newDocumentBuilder().parse(settings.toFile())
                    .getDocumentElement().getElementsByTagNameNS("*", "localRepository");
            if (nodes.getLength() == 0 || nodes.item(0).getTextContent().isBlank()) {
                return Optional.empty();
            }
            // the one expression settings.xml files commonly hold here
            return Optional.of(Path.of(nodes.item(0).getTextContent().strip().replace("${user.home}", home)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("Cannot read localRepository from " + settings + ": " + e.getMessage(), e);
        }
    }
}
