package org.newsvault.extract;

import java.time.Instant;

/** What the page says about itself, read before any element is removed. Fields may be null. */
record Metadata(String title, String author, Instant published) {}
