package org.newsvault.store;

/** A status event with what a listing of changes shows beside it. */
public record ChangeRow(StatusEvent event, String outletId, String title, String url) {
}
