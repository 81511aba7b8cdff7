package org.newsvault.search;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;

class TmpIndexBench {
    @Test
    void run() throws Exception {
        List<SearchDocument> docs = SearchSpeedBench.corpus(Path.of("..", "shared", "corpora", "outlets"));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        FieldType noOffsets = new FieldType(TextField.TYPE_STORED);
        noOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        noOffsets.freeze();
        for (int round = 0; round < 3; round++) {
            StringBuilder line = new StringBuilder();
            for (String variant : List.of("current", "add", "noOffsets", "noUnigrams", "noUnigramsNoOffsets")) {
                Analyzer a = new SearchAnalyzer(variant.startsWith("noUnigrams") ? SearchAnalyzer.Mode.QUERY : SearchAnalyzer.Mode.INDEX);
                Path dir = Files.createTempDirectory("ib");
                long c = os.getProcessCpuTime();
                try (var d = FSDirectory.open(dir); var w = new IndexWriter(d, new IndexWriterConfig(a).setRAMBufferSizeMB(64))) {
                    for (int rep = 0; rep < 3; rep++) {
                        for (SearchDocument sd : docs) {
                            Document doc = Fields.toLucene(new SearchDocument(sd.id() + rep * 10000L, sd.outlet(), sd.title(), sd.author(), sd.body(), sd.urls(), sd.published(), sd.status(), sd.kind()));
                            if (variant.contains("Offsets")) {
                                doc.removeFields("body");
                                doc.add(new Field("body", sd.body(), noOffsets));
                            }
                            if (variant.equals("add")) w.addDocument(doc); else w.updateDocument(Fields.idTerm(sd.id() + rep * 10000L), doc);
                        }
                    }
                    w.commit();
                }
                line.append(String.format("  %s %.3f", variant, (os.getProcessCpuTime() - c) / 1e6 / (3 * docs.size())));
                IndexLayout.deleteTree(dir);
            }
            System.out.println(line.append(" (process CPU ms/doc)"));
        }
    }
}
