package org.newsvault.store;

import org.newsvault.model.Revision;
import org.newsvault.render.ArticleFile;

/** One stored version with everything needed to render its file again byte for byte. */
public record RevisionRow(long id, Revision revision, ArticleFile file, boolean fileWritten) {
}
