-- esl-ingest-service keeps no durable data yet: connections, replay filtering (Core-UUID + Event-Sequence) and live
-- call state are in memory. This baseline gives later migrations (a durable dedupe, presence) a starting point.
SELECT 1;
