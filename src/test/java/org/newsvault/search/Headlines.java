package org.newsvault.search;

import java.time.Instant;
import java.util.List;

/** Real headlines and lines from ../shared/corpora/outlets (BBC, DW, VOA Chinese feed items). */
final class Headlines {
    static final SearchDocument MACAU = doc(1, "bbc-zhongwen", "习近平两年来反腐令澳门赌博旅游萧条",
            "澳门的赌场旅游经营公司感到了中国反腐努力的影响，反腐令澳门这个世界最大的赌博中心出现亏空。",
            "2014-09-24T22:43:41Z");
    static final SearchDocument LAW_LONDON = doc(2, "bbc-zhongwen", "香港国安法：罗冠聪流亡伦敦，他对黄之锋留在香港有何感受？",
            "罗冠聪说，他离开香港是因为《香港国安法》生效。", "2020-07-03T08:00:00Z");
    static final SearchDocument LAW_SANCTIONS = doc(3, "bbc-zhongwen", "香港《国安法》：美国制裁11名中港官员 中联办主任称白费劲",
            "美国财政部宣布制裁11名官员。", "2020-08-08T02:00:00Z");
    /** Traditional script. */
    static final SearchDocument DW_POLICE = doc(4, "dw-chinese", "德國警方擔憂：偽造疫苗接種證明難以識別",
            "德國警方擔憂，偽造的疫苗接種證明難以識別。", "2021-05-14T12:17:06Z");
    /** Mixed scripts and Latin. */
    static final SearchDocument DW_G7 = doc(5, "dw-chinese", "G7提台海和平後  中國派28架军机对台湾「秀肌肉」剑指何方？",
            "七国集团峰会公报提到台海和平。", "2021-06-16T11:47:04Z");
    static final SearchDocument VOA_IMF = doc(6, "voa-chinese", "IMF：美国经济今年可能会收缩6.6%",
            "The International Monetary Fund said the US economy may shrink.", "2020-07-18T15:11:44Z");
    /** 香港 and 国安法, but never side by side. */
    static final SearchDocument LEGCO = doc(7, "bbc-zhongwen", "香港立法会选举推迟后 泛民主派应否杯葛议会成焦点",
            "北京实施国安法以来，泛民主派面临抉择。", "2020-08-01T10:00:00Z");
    static final SearchDocument BNO = doc(8, "dw-chinese", "英国明年开放BNO港人申请居留 中国扬言反制",
            "British National (Overseas) passport holders from Hong Kong. 香港居民可以申请。", "2020-07-23T10:53:36Z");

    static final List<SearchDocument> ALL = List.of(MACAU, LAW_LONDON, LAW_SANCTIONS, DW_POLICE, DW_G7, VOA_IMF, LEGCO, BNO);

    private Headlines() {
    }

    static SearchDocument doc(long id, String outlet, String title, String body, String published) {
        return new SearchDocument(id, outlet, title, "", body, List.of("https://example.org/" + outlet + "/" + id),
                Instant.parse(published), "live", "full");
    }

    static SearchDocument withStatus(SearchDocument d, String status) {
        return new SearchDocument(d.id(), d.outlet(), d.title(), d.author(), d.body(), d.urls(), d.published(), status,
                d.kind());
    }
}
