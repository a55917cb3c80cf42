-- The refund of a cancellation for late delivery is due within 14 days (refund_due_by). The watch raises a
-- staff alert, once, when it is still not made after that day (refund_overdue_at), and notes when the
-- refund was found made (refund_settled_at): the alert is closed, the order no longer watched.
ALTER TABLE order_fulfilment ADD COLUMN refund_overdue_at TIMESTAMPTZ;
ALTER TABLE order_fulfilment ADD COLUMN refund_settled_at TIMESTAMPTZ;
CREATE INDEX order_fulfilment_refund_watch_idx ON order_fulfilment (refund_due_by)
    WHERE late_cancelled_at IS NOT NULL AND refund_settled_at IS NULL;
