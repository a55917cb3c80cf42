-- Reviews sent by shoppers wait for staff; questions wait for an answer (or are set aside).

-- Who sent a review (a customer, referenced by id only) and the order that proves the purchase.
ALTER TABLE review ADD COLUMN reviewer UUID;
ALTER TABLE review ADD COLUMN purchased_at TIMESTAMPTZ;
ALTER TABLE review ADD COLUMN moderated_at TIMESTAMPTZ;
ALTER TABLE review ADD COLUMN moderated_by TEXT;
ALTER TABLE review ADD COLUMN rejection_reason TEXT;
-- One review per customer and product, whatever became of it.
CREATE UNIQUE INDEX review_reviewer_idx ON review (product_id, reviewer) WHERE reviewer IS NOT NULL;
-- The staff's queue, oldest first.
CREATE INDEX review_status_idx ON review (status, created_at);

ALTER TABLE question ADD COLUMN status TEXT;
UPDATE question SET status = CASE WHEN answer IS NULL THEN 'PENDING' ELSE 'ANSWERED' END;
ALTER TABLE question ALTER COLUMN status SET NOT NULL;
ALTER TABLE question ALTER COLUMN status SET DEFAULT 'PENDING';
ALTER TABLE question ADD CONSTRAINT question_status_check CHECK (status IN ('PENDING', 'ANSWERED', 'REJECTED'));
ALTER TABLE question ADD CONSTRAINT question_answered_check CHECK ((status = 'ANSWERED') = (answer IS NOT NULL));
ALTER TABLE question ADD COLUMN answered_by TEXT;
ALTER TABLE question ADD COLUMN rejected_at TIMESTAMPTZ;
DROP INDEX question_product_idx;
CREATE INDEX question_product_idx ON question (product_id, answered_at DESC) WHERE status = 'ANSWERED';
CREATE INDEX question_status_idx ON question (status, created_at);
