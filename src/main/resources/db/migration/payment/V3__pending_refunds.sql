-- Refunds whose provider did not answer stay PENDING and are asked about again under their own key.
CREATE INDEX refund_pending ON refund (updated_at) WHERE status = 'PENDING';
