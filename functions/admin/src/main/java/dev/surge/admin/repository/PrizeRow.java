package dev.surge.admin.repository;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A prize as MySQL holds it, with its stock: the authority on how many units are left. */
public record PrizeRow(long id, long campaignId, String name, long weight, long stock, int position) {

    static PrizeRow from(ResultSet rs) throws SQLException {
        return new PrizeRow(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("name"), rs.getLong("weight"),
                rs.getLong("stock"), rs.getInt("position"));
    }
}
