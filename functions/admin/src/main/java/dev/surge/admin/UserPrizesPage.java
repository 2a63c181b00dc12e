package dev.surge.admin;

import java.util.List;

/**
 * One page of a user's prizes, newest first.
 *
 * @param next where the next page starts (an encoded {@link UserPrizesCursor}); null on the last page
 */
public record UserPrizesPage(List<UserPrize> prizes, String next) {
}
