-- How many instalments a payment in instalments was asked for, so that an attempt whose outcome is
-- recovered later (the shop stopped during the provider's call) still gets its schedule.
ALTER TABLE payment ADD COLUMN instalments INT CHECK (instalments >= 2);

-- The attempts recorded before asking the provider and not yet given its answer.
CREATE INDEX payment_processing ON payment (created_at) WHERE status = 'PROCESSING';
