-- AiOps analytics store (shore / fleet mode). Every row carries the tracking_id that follows an event from
-- ingest to incident (the seed's schema had none). TTLs and codecs equal policies/retention.yaml:
-- a test (RetentionDdlTests) fails when the two disagree.

CREATE DATABASE IF NOT EXISTS aiops;

-- retention.yaml logs_days: 5, compression.logs: ZSTD
CREATE TABLE IF NOT EXISTS aiops.logs
(
    ts          DateTime64(3, 'UTC'),
    tracking_id String,
    ship_id     LowCardinality(String),
    domain      LowCardinality(String),
    service     LowCardinality(String),
    level       LowCardinality(String),
    host        String,
    device_id   String,
    msg         String CODEC(ZSTD(3)),
    meta        String CODEC(ZSTD(3))
)
ENGINE = MergeTree
PARTITION BY toDate(ts)
ORDER BY (ship_id, service, ts)
TTL toDateTime(ts) + INTERVAL 5 DAY;

-- retention.yaml metrics_days: 5, compression.metrics: LZ4
CREATE TABLE IF NOT EXISTS aiops.metrics
(
    ts          DateTime64(3, 'UTC'),
    tracking_id String,
    ship_id     LowCardinality(String),
    domain      LowCardinality(String),
    service     LowCardinality(String),
    metric      LowCardinality(String),
    value       Float64 CODEC(LZ4),
    device_id   String,
    labels      Map(String, String)
)
ENGINE = MergeTree
PARTITION BY toDate(ts)
ORDER BY (ship_id, service, metric, ts)
TTL toDateTime(ts) + INTERVAL 5 DAY;

-- Anomalies are an incident's evidence: kept as long as incidents (retention.yaml incidents_days: 30).
CREATE TABLE IF NOT EXISTS aiops.anomalies
(
    ts            DateTime64(3, 'UTC'),
    tracking_id   String,
    ship_id       LowCardinality(String),
    domain        LowCardinality(String),
    service       LowCardinality(String),
    device_id     String,
    anomaly_type  LowCardinality(String),
    incident_type LowCardinality(String),
    detector      LowCardinality(String),
    score         Float64,
    severity      LowCardinality(String),
    metric_name   String,
    metric_value  Nullable(Float64),
    threshold     Nullable(Float64),
    raw_msg       String CODEC(ZSTD(3)),
    tags          Array(String),
    context       String
)
ENGINE = MergeTree
PARTITION BY toDate(ts)
ORDER BY (ship_id, anomaly_type, ts)
TTL toDateTime(ts) + INTERVAL 30 DAY;

-- retention.yaml incidents_days: 30. One row per incident version; the newest wins.
CREATE TABLE IF NOT EXISTS aiops.incidents
(
    incident_id     String,
    tracking_id     String,
    ship_id         LowCardinality(String),
    incident_type   LowCardinality(String),
    severity        LowCardinality(String),
    status          LowCardinality(String),
    created_at      DateTime64(3, 'UTC'),
    updated_at      DateTime64(3, 'UTC'),
    closed_at       Nullable(DateTime64(3, 'UTC')),
    anomaly_count   UInt32,
    duplicate_count UInt32,
    tracking_ids    Array(String),
    document        String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree(updated_at)
PARTITION BY toYYYYMM(created_at)
ORDER BY (ship_id, incident_id)
TTL toDateTime(created_at) + INTERVAL 30 DAY;

-- retention.yaml traces_hours: 24
CREATE TABLE IF NOT EXISTS aiops.traces
(
    tracking_id String,
    ship_id     LowCardinality(String),
    stage       LowCardinality(String),
    ts          DateTime64(3, 'UTC'),
    status      LowCardinality(String),
    error       String,
    incident_id String
)
ENGINE = MergeTree
PARTITION BY toDate(ts)
ORDER BY (tracking_id, ts)
TTL toDateTime(ts) + INTERVAL 24 HOUR;

-- retention.yaml summaries_days: 15 (per-minute counters)
CREATE TABLE IF NOT EXISTS aiops.summaries
(
    minute        DateTime('UTC'),
    ship_id       LowCardinality(String),
    logs          UInt64,
    metrics       UInt64,
    anomalies     UInt64,
    duplicates    UInt64,
    suppressions  UInt64,
    incidents     UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toDate(minute)
ORDER BY (ship_id, minute)
TTL minute + INTERVAL 15 DAY;

-- retention.yaml llm_cache_minutes: 45
CREATE TABLE IF NOT EXISTS aiops.llm_cache
(
    cache_key  String,
    created_at DateTime64(3, 'UTC'),
    insight    String
)
ENGINE = ReplacingMergeTree(created_at)
ORDER BY cache_key
TTL toDateTime(created_at) + INTERVAL 45 MINUTE;
