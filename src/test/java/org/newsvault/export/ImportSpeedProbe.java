package org.newsvault.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsvault.Newsvault;

@Tag("corpus")
class ImportSpeedProbe {
    @TempDir Path dir;

    @Test
    void probe() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TestArchives.CORPUS));
        try (Newsvault nv = Newsvault.open(TestArchives.settings(dir))) {
            int w = Integer.getInteger("writers", 4), r0 = Integer.getInteger("readers", 2);
            Importer imp = new Importer(nv.articles, nv.originals, nv.archiver, new OutletResolver(nv.outlets, nv.settings.outlets()),
                nv.settings.archive(), nv.clock, r0, w);
            ImportSummary s = imp.run(List.of(TestArchives.CORPUS), (f, o, r) -> {
                if (r != null) System.out.println(f + ": " + o + " " + r);
            });
            System.out.println("FIRST " + s.line());
            System.out.println(nv.outlets.all());
            ImportSummary s2 = Importer.of(nv).run(List.of(TestArchives.CORPUS), (f, o, r) -> {});
            System.out.println("SECOND " + s2.line());
        }
    }
}
