package io.neonclient.pageserver;

/**
 * Settings of a {@link LocationConfigMode#SECONDARY} location (mirrors {@code LocationConfigSecondary} in upstream
 * {@code libs/pageserver_api/src/models.rs}).
 *
 * @param warm whether the secondary downloads layers (a cold one only keeps its slot)
 */
public record SecondaryConf(boolean warm) {}
