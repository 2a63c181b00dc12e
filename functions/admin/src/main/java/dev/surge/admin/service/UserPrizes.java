package dev.surge.admin.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.UserPrize;
import dev.surge.admin.UserPrizesCursor;
import dev.surge.admin.UserPrizesPage;
import dev.surge.admin.config.AdminConfig;
import dev.surge.admin.repository.UserPrizeLedger;
import dev.surge.shared.model.Refusal;

/** A user's own prizes, a page at a time; the user is always the caller, never a parameter. */
@ApplicationScoped
public class UserPrizes {

    private final UserPrizeLedger ledger;
    private final AdminConfig config;

    public UserPrizes(UserPrizeLedger ledger, AdminConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    public UserPrizesPage of(String userId, String after, Integer limit) {
        int size = limit == null ? Math.min(config.myPrizesPage(), config.maxMyPrizesPage()) : limit;
        if (size < 1 || size > config.maxMyPrizesPage()) {
            throw Refusal.invalid("limit must be 1 to " + config.maxMyPrizesPage());
        }
        UserPrizesCursor cursor;
        try {
            cursor = after == null || after.isEmpty() ? null : UserPrizesCursor.decode(after);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("after must be the 'next' a previous page answered");
        }
        // One more than the page tells whether another follows.
        List<UserPrize> read = ledger.page(userId, cursor, size + 1);
        if (read.size() <= size) {
            return new UserPrizesPage(read, null);
        }
        List<UserPrize> page = read.subList(0, size);
        return new UserPrizesPage(List.copyOf(page), page.get(size - 1).position().encode());
    }
}
