-- The degrade switches an operator has turned on for a campaign, as their wire names separated by commas
-- ("draws-not-this-time,shakes-none"); empty when none is on. Published with the campaign.
ALTER TABLE campaign ADD COLUMN degrades VARCHAR(255) NOT NULL DEFAULT '' AFTER rate_limits;

-- Every operator change to a campaign's status or switches: who (the admin token's subject), what, the value
-- before and after, and when; written in the same transaction as the change.
CREATE TABLE admin_audit (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    campaign_id BIGINT       NOT NULL,
    actor       VARCHAR(128) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    before_value VARCHAR(1024) NULL,
    after_value  VARCHAR(1024) NULL,
    at          DATETIME(3)  NOT NULL,
    KEY admin_audit_by_campaign (campaign_id, id)
) ENGINE = InnoDB;
