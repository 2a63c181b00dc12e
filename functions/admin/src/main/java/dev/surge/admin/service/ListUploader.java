package dev.surge.admin.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.surge.admin.CampaignRow;
import dev.surge.admin.config.AdminConfig;
import dev.surge.admin.redis.UserListStore;
import dev.surge.admin.repository.AuditLog;
import dev.surge.admin.repository.CampaignListRepository;
import dev.surge.admin.repository.CampaignRepository;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rules.Params;

/**
 * Replaces a campaign's user list from an uploaded text body, one user id a line, however large. The body is
 * read as it streams in and sent to Redis in small batches into an upload key of its own (never into the live
 * list), then swapped in with one atomic script: readers see the whole old list until they see the whole new
 * one, and a failed or refused upload leaves the old list as it was.
 */
@ApplicationScoped
public class ListUploader {

    private static final Logger LOG = Logger.getLogger(ListUploader.class);
    private static final char BOM = '\uFEFF';
    private static final char REPLACEMENT = '\uFFFD';

    private final UserListStore store;
    private final CampaignRepository campaigns;
    private final CampaignListRepository lists;
    private final Clock clock;
    private final AdminConfig config;
    private final AuditLog audit;

    public ListUploader(UserListStore store, CampaignRepository campaigns, CampaignListRepository lists, Clock clock,
            AdminConfig config, AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.campaigns = campaigns;
        this.lists = lists;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Replaces the list with the ids in {@code body}.
     *
     * @return how many distinct ids the list now holds
     */
    public long upload(long campaignId, String list, InputStream body, boolean gzipped, String actor) {
        String upload = null;
        try {
            checkedName(list);
            CampaignRow campaign = campaigns.find(campaignId).orElseThrow(() -> notFound(campaignId));
            if (campaign.status() == CampaignStatus.ENDED) {
                throw Refusal.conflict("campaign " + campaignId + " has ended and can no longer be changed");
            }
            String live = store.live(campaignId, list);
            // Beside the live key, inside the campaign's hash tag: the swap script must reach both in one slot.
            upload = live + ":upload:" + UUID.randomUUID();
            long size = load(upload, gzipped ? gunzip(body) : body);
            swap(live, upload, live + ":old:" + UUID.randomUUID(), size);
            upload = null;
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = clock.instant();
                String before = lists.find(campaignId, list).map(r -> listValue(r.name(), r.size())).orElse(null);
                lists.record(campaignId, list, size, now);
                audit.record(campaignId, actor, "list:upload", before, listValue(list, size), now);
            });
            return size;
        } catch (RuntimeException e) {
            discard(upload);
            // Read what the client still sends (as sent, never inflated), so it gets to read the answer instead
            // of stalling mid-upload.
            drain(body);
            throw e;
        }
    }

    /** The name, when it may name a list (what list rules accept); refused as invalid otherwise. */
    public static String checkedName(String name) {
        if (!Params.isListName(name)) {
            throw Refusal.invalid("a list name is lower-case letters, digits, '-' or '_', at most 64"
                    + " characters, starting with a letter or digit");
        }
        return name;
    }

    /** The size of the list, empty when it was never uploaded (or was deleted). */
    public Optional<Long> size(long campaignId, String list) {
        campaigns.find(campaignId).orElseThrow(() -> notFound(campaignId));
        long size = inRedis("reading a list", () -> store.size(store.live(campaignId, list)));
        return size > 0 || lists.find(campaignId, list).isPresent() ? Optional.of(size) : Optional.empty();
    }

    /** Deletes the list; deleting one that is not there changes nothing and writes no audit entry. */
    public void delete(long campaignId, String list, String actor) {
        campaigns.find(campaignId).orElseThrow(() -> notFound(campaignId));
        long unlinked = inRedis("deleting a list", () -> store.delete(store.live(campaignId, list)));
        QuarkusTransaction.requiringNew().run(() -> {
            Optional<CampaignListRepository.ListRecord> before = lists.find(campaignId, list);
            lists.delete(campaignId, list);
            if (before.isPresent() || unlinked > 0) {
                audit.record(campaignId, actor, "list:delete",
                        before.map(r -> listValue(r.name(), r.size())).orElse(listValue(list, null)), null, clock.instant());
            }
        });
    }

    /** What the audit log keeps of a list: its name and size, never its ids. */
    private String listValue(String name, Long size) {
        return audit.fields("list", name, "size", size);
    }

    private static InputStream gunzip(InputStream body) {
        try {
            return new GZIPInputStream(body, 16 * 1024);
        } catch (IOException e) {
            throw Refusal.invalid("the body is not gzip data: " + e.getMessage());
        }
    }

    /** Streams the ids into the upload key; returns how many distinct ids it holds. */
    private long load(String upload, InputStream body) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        int maxLength = config.maxUserIdLength();
        String ttl = Long.toString(config.listUploadTtl().toMillis());
        List<String> batch = new ArrayList<>(config.listBatchSize() + 1);
        batch.add(ttl);
        long distinct = 0;
        long line = 1;
        // One id is at most maxLength characters; a longer line is refused before it can fill memory.
        StringBuilder id = new StringBuilder(maxLength + 1);
        boolean overlong = false;
        char[] buffer = new char[16 * 1024];
        boolean first = true;
        long read = 0;
        try {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                read += n;
                if (read > config.maxListChars()) {
                    // Blank lines cost no Redis command; this bounds the work a body (or an inflated one) can make.
                    throw tooLarge();
                }
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (first) {
                        first = false;
                        if (c == BOM) {
                            continue;
                        }
                    }
                    if (c == '\n') {
                        if (take(id, overlong, line, batch)) {
                            distinct = flushIfFull(upload, batch, distinct);
                        }
                        id.setLength(0);
                        overlong = false;
                        line++;
                    } else if (id.length() <= maxLength + 1) {
                        id.append(c);
                    } else if (!Character.isWhitespace(c)) {
                        overlong = true;
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(line);
        } catch (ZipException e) {
            throw Refusal.invalid("the body is not valid gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw Refusal.invalid("the list could not be read to its end: " + e.getMessage());
        }
        take(id, overlong, line, batch);
        return flush(upload, batch, distinct);
    }

    /** Checks one line and adds its id to the batch; false for a blank line. */
    private boolean take(StringBuilder raw, boolean overlong, long line, List<String> batch) {
        String id = raw.toString().strip();
        if (id.isEmpty() && !overlong) {
            return false;
        }
        if (overlong || id.length() > config.maxUserIdLength()) {
            throw Refusal.invalid("line " + line + ": a user id has at most " + config.maxUserIdLength()
                    + " characters");
        }
        // A gateway hands a text body over as a string, so bytes that were not UTF-8 arrive as U+FFFD.
        if (id.indexOf(REPLACEMENT) >= 0) {
            throw notUtf8(line);
        }
        if (id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw Refusal.invalid("line " + line + ": a user id holds no spaces or control characters;"
                    + " put one id on each line");
        }
        batch.add(id);
        return true;
    }

    private long flushIfFull(String upload, List<String> batch, long distinct) {
        return batch.size() > config.listBatchSize() ? flush(upload, batch, distinct) : distinct;
    }

    /** Sends the batch (its first element is the upload's time to live) and empties it. */
    private long flush(String upload, List<String> batch, long distinct) {
        if (batch.size() == 1) {
            return distinct;
        }
        long added = inRedis("uploading a list", () -> store.load(upload, batch));
        batch.subList(1, batch.size()).clear();
        long total = distinct + added;
        if (total > config.maxListSize()) {
            throw tooLarge();
        }
        return total;
    }

    private Refusal tooLarge() {
        return new Refusal(Refusal.Reason.TOO_LARGE, "Payload too large", "a list holds at most " + config.maxListSize()
                + " distinct user ids of at most " + config.maxUserIdLength() + " characters; the list was left as it was");
    }

    private static Refusal notUtf8(long line) {
        return Refusal.invalid("line " + line + ": the list must be UTF-8 text");
    }

    private void swap(String live, String upload, String old, long size) {
        boolean complete;
        try {
            complete = store.swap(live, upload, old, size);
        } catch (RuntimeException e) {
            throw unavailable("replacing a list", e);
        }
        if (!complete) {
            throw Refusal.conflict("the upload expired in Redis before it was complete (it may take at most "
                    + config.listUploadTtl() + "); upload the list again");
        }
    }

    private void discard(String upload) {
        if (upload == null) {
            return;
        }
        try {
            store.delete(upload);
        } catch (RuntimeException e) {
            // It expires on its own (surge.admin.list-upload-ttl).
            LOG.debugf("could not discard upload %s: %s", upload, e.toString());
        }
    }

    private static void drain(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client is gone; nobody reads the answer.
        }
    }

    private interface RedisCall<T> {

        T run();
    }

    private <T> T inRedis(String what, RedisCall<T> call) {
        try {
            return call.run();
        } catch (Refusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(what, e);
        }
    }

    private Refusal unavailable(String what, RuntimeException cause) {
        LOG.warnf("%s failed in Redis: %s", what, cause.toString());
        return Refusal.unavailable("Redis failed while " + what + "; the list was left as it was, try again",
                config.retryAfter());
    }

    private static Refusal notFound(long campaignId) {
        return Refusal.notFound("no campaign " + campaignId);
    }
}
