package org.newsvault.schedule;

import org.quartz.JobKey;
import org.quartz.TriggerKey;

/** One scheduled feed: its Quartz job and trigger share this identity (group = outlet id, name = feed URL). */
record FeedKey(String outletId, String url) {
    JobKey job() {
        return JobKey.jobKey(url, outletId);
    }

    TriggerKey trigger() {
        return TriggerKey.triggerKey(url, outletId);
    }

    static FeedKey of(JobKey k) {
        return new FeedKey(k.getGroup(), k.getName());
    }
}
