package io.neonclient.model;

/**
 * Settings of a {@link LocationConfigMode#SECONDARY} location, the {@code secondary_conf} of a {@link LocationConfig}
 * (mirrors {@code LocationConfigSecondary} in upstream {@code libs/pageserver_api/src/models.rs}).
 *
 * @param warm whether the secondary downloads layers ahead of time (a cold one only keeps its slot)
 */
public record SecondaryConf(boolean warm) {}
