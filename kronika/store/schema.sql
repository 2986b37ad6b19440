-- kronika store, schema version 1 (docs/store.md describes every column).
-- Every table but `meta` holds rows of one document record layer; each row carries `doc_id`.
-- `keys` lists the paths of the record object's keys in their original order (nested objects as
-- `a.b`, components escaped `~` -> `~0`, `.` -> `~1`); `extra` holds, as JSON keyed by path, the
-- values of keys that have no column. Together they let a record be rebuilt exactly from the tables.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE SEQUENCE documents_seq START 1;

CREATE TABLE documents (
    id             VARCHAR PRIMARY KEY,
    seq            BIGINT NOT NULL DEFAULT nextval('documents_seq'),
    source         VARCHAR NOT NULL,
    lang           VARCHAR NOT NULL,
    date_value     VARCHAR,
    date_precision VARCHAR NOT NULL,
    title          VARCHAR,
    outlet         VARCHAR,
    url            VARCHAR,
    text           VARCHAR,
    ingested_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    keys           VARCHAR[] NOT NULL,
    extra          JSON,
    record_keys    VARCHAR[] NOT NULL,
    record_extra   JSON
);

CREATE TABLE entities (
    doc_id    VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    position  INTEGER NOT NULL,
    name      VARCHAR NOT NULL,
    type      VARCHAR NOT NULL,
    country   VARCHAR,
    sector    VARCHAR,
    wikidata  VARCHAR,
    keys      VARCHAR[] NOT NULL,
    extra     JSON,
    PRIMARY KEY (doc_id, entity_id)
);

CREATE TABLE mentions (
    doc_id    VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    position  INTEGER NOT NULL,
    "start"   INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      VARCHAR,
    keys      VARCHAR[] NOT NULL,
    extra     JSON,
    PRIMARY KEY (doc_id, entity_id, position)
);

CREATE TABLE events (
    doc_id           VARCHAR NOT NULL,
    event_id         VARCHAR NOT NULL,
    position         INTEGER NOT NULL,
    event            VARCHAR NOT NULL,
    mode             VARCHAR[],
    context          VARCHAR[],
    date             VARCHAR,
    enddate          VARCHAR,
    precision        VARCHAR,
    date_text        VARCHAR,
    date_from        DATE,
    date_to          DATE,
    status           VARCHAR NOT NULL,
    location_name    VARCHAR,
    location_country VARCHAR,
    event_scale      DOUBLE,
    quad_code        INTEGER,
    cameo            VARCHAR,
    evidence_start   INTEGER,
    evidence_end     INTEGER,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    trigger_text     VARCHAR,
    confidence       DOUBLE,
    rules            VARCHAR[],
    keys             VARCHAR[] NOT NULL,
    extra            JSON,
    PRIMARY KEY (doc_id, event_id)
);

CREATE TABLE event_roles (
    doc_id    VARCHAR NOT NULL,
    event_id  VARCHAR NOT NULL,
    role      VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient', 'attribution')),
    position  INTEGER NOT NULL,
    entity_id VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, event_id, role, position)
);

CREATE TABLE quotes (
    doc_id      VARCHAR NOT NULL,
    quote_id    VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    speaker     VARCHAR NOT NULL,
    addressee   VARCHAR,
    kind        VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    cue         VARCHAR,
    attribution VARCHAR[],
    keys        VARCHAR[] NOT NULL,
    extra       JSON,
    PRIMARY KEY (doc_id, quote_id)
);

CREATE TABLE timexes (
    doc_id   VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    "start"  INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    type     VARCHAR NOT NULL,
    value    VARCHAR,
    rule     VARCHAR,
    keys     VARCHAR[] NOT NULL,
    extra    JSON,
    PRIMARY KEY (doc_id, position)
);
