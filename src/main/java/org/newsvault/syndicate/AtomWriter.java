package org.newsvault.syndicate;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Atom 1.0 (RFC 4287) through ROME's wire feed: the library escapes every text and attribute. */
final class AtomWriter {
    private AtomWriter() {}

    static String write(Channel ch, String htmlUrl, String selfUrl, Instant updated, List<Item> items) {
        Feed f = new Feed("atom_1.0");
        f.setId(ch.id());
        f.setTitleEx(text(ch.title()));
        f.setUpdated(Date.from(updated));
        Generator g = new Generator();
        g.setValue("newsvault");
        f.setGenerator(g);
        // RFC 4287 wants an author on the feed when an entry has none; the archive is the author of the feed.
        f.setAuthors(people("newsvault"));
        if (htmlUrl != null) f.setAlternateLinks(List.of(link("alternate", htmlUrl, "text/html")));
        if (selfUrl != null) f.setOtherLinks(List.of(link("self", selfUrl, "application/atom+xml")));
        List<Entry> entries = new ArrayList<>(items.size());
        for (Item it : items) entries.add(entry(it));
        f.setEntries(entries);
        try {
            return new WireFeedOutput().outputString(f, true);
        } catch (FeedException e) {
            throw new IllegalStateException("atom feed " + ch.id() + ": " + e.getMessage(), e);
        }
    }

    private static Entry entry(Item it) {
        Entry e = new Entry();
        e.setId(it.id());
        e.setTitleEx(text(it.title()));
        e.setAlternateLinks(List.of(link("alternate", it.link(), "text/html")));
        if (it.external() != null) e.setOtherLinks(List.of(link("related", it.external(), null)));
        if (it.published() != null) e.setPublished(Date.from(it.published()));
        e.setUpdated(Date.from(it.updated()));
        if (it.author() != null && !it.author().isBlank()) e.setAuthors(people(it.author()));
        List<Category> cats = new ArrayList<>();
        for (String t : it.tags()) {
            Category c = new Category();
            c.setTerm(XmlText.of(t));
            cats.add(c);
        }
        e.setCategories(cats);
        if (it.summary() != null && !it.summary().isBlank()) e.setSummary(text(it.summary()));
        if (it.contentHtml() != null) {
            Content c = new Content();
            c.setType(Content.HTML);
            c.setValue(XmlText.of(it.contentHtml()));
            e.setContents(List.of(c));
        }
        return e;
    }

    private static Content text(String s) {
        Content c = new Content();
        c.setType(Content.TEXT);
        c.setValue(XmlText.of(s));
        return c;
    }

    private static List<SyndPerson> people(String name) {
        Person p = new Person();
        p.setName(XmlText.of(name));
        return List.of(p);
    }

    private static Link link(String rel, String href, String type) {
        Link l = new Link();
        l.setRel(rel);
        l.setHref(XmlText.of(href));
        if (type != null) l.setType(type);
        return l;
    }
}
