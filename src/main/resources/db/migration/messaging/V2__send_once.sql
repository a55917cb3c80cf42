-- A message sent once whatever happens (an event delivered twice): its key is unique.
ALTER TABLE message ADD COLUMN once_key TEXT UNIQUE;
