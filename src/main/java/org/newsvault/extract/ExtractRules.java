package org.newsvault.extract;

import java.util.List;

/** Outlet-specific extraction, from config: an optional body selector and selectors to drop. */
public record ExtractRules(String contentSelector, List<String> remove) {
    public static final ExtractRules GENERIC = new ExtractRules(null, List.of());

    public ExtractRules {
        remove = remove == null ? List.of() : List.copyOf(remove);
    }
}
