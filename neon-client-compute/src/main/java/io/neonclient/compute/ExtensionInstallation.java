package io.neonclient.compute;

/**
 * An installed extension: {@code ExtensionInstallResponse} in upstream {@code libs/compute_api/src/responses.rs}, the
 * answer of {@code POST /extensions}.
 *
 * @param extension the extension name
 * @param version   the version now installed
 */
public record ExtensionInstallation(String extension, String version) {}
