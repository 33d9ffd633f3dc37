-- Issue 12: the listener learns from host.built that a discovered host was built (ce_time of the event). A built
-- host has no registration token bound to it, so a registration of its MAC with any token needs an operator.
ALTER TABLE known_host ADD COLUMN built_at TIMESTAMP WITH TIME ZONE;
