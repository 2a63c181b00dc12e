package dev.surge.admin;

/**
 * What one page of a campaign's winners exports, fixed before its first row is written so the next cursor can lead
 * the answer.
 *
 * @param next where the next page starts; null when this page reaches the last winner
 */
public record WinnersPage(long campaignId, Range grants, Range rain, WinnersCursor next) {

    /** Rows of one ledger a page covers: after {@code after}, up to and including {@code through}. */
    public record Range(long after, long through) {

        public boolean empty() {
            return through <= after;
        }
    }
}
