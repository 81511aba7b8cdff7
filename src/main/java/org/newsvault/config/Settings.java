package org.newsvault.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.newsvault.store.Backend;

/**
 * The whole configuration, loaded and validated once at start by {@link ConfigLoader}.
 *
 * @param configFile the main file (its folder also holds CLI-managed outlet files)
 * @param data       H2 database, originals, logs, lock
 * @param archive    the article files
 * @param listen     {@code host:port} of the health/metrics listener and the reading room, or null (off)
 * @param web        the reading room's settings ({@code web:})
 * @param images     the limits of kept images ({@code images:})
 * @param database   where the database is ({@code database:}, {@link DatabaseSettings}): the embedded H2 in
 *                   {@code data} unless configured
 */
public record Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                       String listen, List<OutletConfig> outlets, WebSettings web, ImageSettings images,
                       Backend database) {
    public Settings {
        outlets = List.copyOf(outlets);
        if (web == null) web = WebSettings.DEFAULTS;
        if (images == null) images = ImageSettings.DEFAULTS;
        if (database == null) database = Backend.EMBEDDED;
    }

    /** With the embedded H2 database in {@code data}. */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets, WebSettings web, ImageSettings images) {
        this(configFile, data, archive, http, watch, listen, outlets, web, images, Backend.EMBEDDED);
    }

    /** The same settings on another database (tests, the benchmark). */
    public Settings withDatabase(Backend b) {
        return new Settings(configFile, data, archive, http, watch, listen, outlets, web, images, b);
    }

    /** Without {@code images:} settings: the defaults. */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets, WebSettings web) {
        this(configFile, data, archive, http, watch, listen, outlets, web, ImageSettings.DEFAULTS);
    }

    /** Without {@code web:} settings (tests, the benchmark): the defaults. */
    public Settings(Path configFile, Path data, Path archive, HttpSettings http, WatchSettings watch,
                    String listen, List<OutletConfig> outlets) {
        this(configFile, data, archive, http, watch, listen, outlets, WebSettings.DEFAULTS);
    }

    public Optional<OutletConfig> outlet(String id) {
        return outlets.stream().filter(o -> o.id().equals(id)).findFirst();
    }
}
