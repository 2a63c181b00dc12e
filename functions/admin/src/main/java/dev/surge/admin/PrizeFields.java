package dev.surge.admin;

/**
 * A prize as an operator adds it (with its initial stock) or describes it anew (name and weight; stock is left out
 * and moves only through stock changes).
 *
 * @param stock the initial stock of a new prize; null when describing one
 */
public record PrizeFields(String name, Long weight, Long stock) {
}
