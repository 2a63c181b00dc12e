package dev.surge.admin.service;

import java.io.IOException;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.surge.admin.WinnerSink;
import dev.surge.admin.WinnersCursor;
import dev.surge.admin.WinnersPage;
import dev.surge.admin.config.AdminConfig;
import dev.surge.admin.repository.CampaignRepository;
import dev.surge.admin.repository.WinnerLedger;
import dev.surge.shared.model.Refusal;

/**
 * A campaign's winners for operators, page by page: what a page holds is decided first (so its answer can lead
 * with the next page's cursor), then its rows stream out as MySQL hands them over.
 */
@ApplicationScoped
public class WinnersExport {

    private static final Logger LOG = Logger.getLogger(WinnersExport.class);

    private final CampaignRepository campaigns;
    private final WinnerLedger ledger;
    private final AdminConfig config;

    public WinnersExport(CampaignRepository campaigns, WinnerLedger ledger, AdminConfig config) {
        this.campaigns = campaigns;
        this.ledger = ledger;
        this.config = config;
    }

    /**
     * The page after {@code after} (from the first winner when null), of {@code limit} winners (the configured
     * page when null).
     */
    public WinnersPage page(long campaignId, String after, Integer limit) {
        int size = limit == null ? Math.min(config.winnersPage(), config.maxWinnersPage()) : limit;
        if (size < 1 || size > config.maxWinnersPage()) {
            throw Refusal.invalid("limit must be 1 to " + config.maxWinnersPage());
        }
        WinnersCursor cursor;
        try {
            cursor = after == null ? WinnersCursor.START : WinnersCursor.decode(after);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("after must be the cursor a previous page answered (X-Next-Cursor)");
        }
        campaigns.find(campaignId).orElseThrow(() -> Refusal.notFound("no campaign " + campaignId));
        return ledger.plan(campaignId, cursor, size);
    }

    /**
     * Writes the page's rows. A MySQL failure midway cuts the answer short (its status is already sent): the
     * caller sees a broken stream and asks for the same page again.
     */
    public void write(WinnersPage page, WinnerSink sink) throws IOException {
        try {
            ledger.export(page, sink);
        } catch (SQLException e) {
            LOG.warnf("winners export of campaign %d failed midway: %s", page.campaignId(), e.toString());
            throw new IOException("MySQL failed during the export", e);
        }
    }
}
