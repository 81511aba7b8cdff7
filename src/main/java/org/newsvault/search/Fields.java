package org.newsvault.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;

/**
 * The index's fields, in one place: a {@link SearchDocument} to a Lucene document and back. Changing
 * what is indexed or how it is analysed means bumping {@link #SCHEMA}, which makes older indexes
 * {@link IndexState#OUTDATED} so they are rebuilt instead of silently missing matches.
 */
final class Fields {
    static final String SCHEMA = "2";

    static final String ID = "id";
    static final String ID_SORT = "id_sort";
    static final String OUTLET = "outlet";
    static final String TITLE = "title";
    static final String AUTHOR = "author";
    static final String BODY = "body";
    static final String URL = "url";
    static final String PUBLISHED = "published";
    static final String PUBLISHED_SORT = "published_sort";
    static final String STATUS = "status";
    static final String KIND = "kind";

    /** No published date: sorts as the oldest. */
    static final long NO_DATE = Long.MIN_VALUE;

    /**
     * Text with positions (phrases: a query of three characters is two bigrams in a row), stored for the snippets.
     * No offsets in the postings: the highlighter re-analyses the stored text of the hits it shows (a page of 20),
     * which costs a search a few milliseconds, where offsets cost every indexed token (schema 1 had them: a sixth
     * more index and indexing time).
     */
    private static final FieldType TEXT = new FieldType(TextField.TYPE_STORED);

    static {
        TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        TEXT.freeze();
    }

    private Fields() {
    }

    static Term idTerm(long id) {
        return new Term(ID, Long.toString(id));
    }

    static Document toLucene(SearchDocument d) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(d.id()), Field.Store.YES));
        doc.add(new NumericDocValuesField(ID_SORT, d.id()));
        doc.add(new StringField(OUTLET, d.outlet(), Field.Store.YES));
        doc.add(new Field(TITLE, d.title(), TEXT));
        doc.add(new Field(AUTHOR, d.author(), TEXT));
        doc.add(new Field(BODY, d.body(), TEXT));
        for (String u : d.urls()) doc.add(new StringField(URL, u, Field.Store.YES));
        long published = d.published() == null ? NO_DATE : d.published().toEpochMilli();
        // Every document has the point (the schema must agree across documents); ranges exclude NO_DATE.
        doc.add(new LongPoint(PUBLISHED, published));
        doc.add(new NumericDocValuesField(PUBLISHED_SORT, published));
        doc.add(new StoredField(PUBLISHED, published));
        doc.add(new StringField(STATUS, d.status(), Field.Store.YES));
        doc.add(new StringField(KIND, d.kind(), Field.Store.YES));
        return doc;
    }

    static SearchHit toHit(Document doc, float score, Snippet title, Snippet body) {
        IndexableField p = doc.getField(PUBLISHED);
        long published = p == null ? NO_DATE : p.numericValue().longValue();
        List<String> urls = new ArrayList<>();
        for (IndexableField f : doc.getFields(URL)) urls.add(f.stringValue());
        return new SearchHit(Long.parseLong(doc.get(ID)), doc.get(OUTLET), doc.get(TITLE), doc.get(AUTHOR), urls,
                published == NO_DATE ? null : Instant.ofEpochMilli(published), doc.get(STATUS), doc.get(KIND), score,
                title, body);
    }
}
