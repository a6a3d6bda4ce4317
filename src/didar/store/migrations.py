"""Schema migrations of the SQLite store: named, numbered steps, applied in order, each in its own
transaction and recorded in the `migrations` table. Never edit a released step: add a new one.

Tables (one row per ...; in WITHOUT ROWID tables the key columns come first, which SQLite
3.40's integrity check needs):
- documents: stored document version. `pk` is internal; `id` the record id (hash of the
  normalized text, unique: the same article twice is one row); `lineage` the id of the lineage's
  first version; `version` 1, 2, ...; `is_latest` 1 on the newest version of each lineage;
  `record` the full record as JSON; `content_hash` sha256 of the record's text.
- document_sources: every path or URL a document came from.
- lineage_keys: URL or plain path -> lineage, the key that makes a changed text a new version.
- actors: actor of a document (per version), with its mention count and first mention.
- actor_names: name keys (`didar.store.keys.name_key`) of every actor id: English name, native
  name and the words of each mention, for name filters.
- events, event_actors (participant | source | target | host | guest | location), quotes, dates,
  topics: the record's lists, one row per item, `idx` its position in the record.
- documents_fts: FTS5 over the search key of title and text (contentless; rowid = documents.pk).
- migration 3: doc_minhash, doc_lsh, near_duplicates, clusters, cluster_members, cluster_keys
  (near-duplicate documents and event clusters: described in `didar.store.clusters`).
- feeds, polls, feed_items (migration 2): followed feeds, one row per poll, items already seen.
- stances (migration 4): the record's stances, one row per item; indexes for the web listings.
- migration 5: events gain mode (PLOVER), goldstein and quote (index of the quote stating it).
- migration 6: an index in the order of event listings.
- event_countries (migration 7): the countries of each event's actors, for the country filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from didar.store.clusters import STATEMENTS as CLUSTER_STATEMENTS  # migration 3 (see there)


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial_schema",
        (
            """CREATE TABLE documents (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            lineage TEXT NOT NULL,
            version INTEGER NOT NULL,
            is_latest INTEGER NOT NULL DEFAULT 1,
            source TEXT,
            url TEXT,
            language TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            published TEXT,
            text TEXT NOT NULL,
            record TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            UNIQUE (lineage, version)
        )""",
            "CREATE INDEX documents_latest ON documents (is_latest, published)",
            """CREATE TABLE document_sources (
            doc_pk INTEGER NOT NULL REFERENCES documents (pk),
            source TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (doc_pk, source)
        ) WITHOUT ROWID""",
            "CREATE INDEX document_sources_source ON document_sources (source)",
            """CREATE TABLE lineage_keys (
            key TEXT PRIMARY KEY,
            lineage TEXT NOT NULL
        ) WITHOUT ROWID""",
            """CREATE TABLE actors (
            doc_pk INTEGER NOT NULL REFERENCES documents (pk),
            actor_id TEXT NOT NULL,
            name TEXT,
            native TEXT,
            type TEXT,
            country TEXT,
            role TEXT,
            known INTEGER NOT NULL,
            mentions INTEGER NOT NULL,
            first_start INTEGER,
            PRIMARY KEY (doc_pk, actor_id)
        ) WITHOUT ROWID""",
            "CREATE INDEX actors_actor ON actors (actor_id)",
            "CREATE INDEX actors_country ON actors (country)",
            """CREATE TABLE actor_names (
            key TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            PRIMARY KEY (key, actor_id)
        ) WITHOUT ROWID""",
            """CREATE TABLE events (
            pk INTEGER PRIMARY KEY,
            doc_pk INTEGER NOT NULL REFERENCES documents (pk),
            idx INTEGER NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            plover TEXT,
            cameo TEXT,
            source TEXT,
            target TEXT,
            date TEXT,
            date_precision TEXT,
            weekday TEXT,
            location TEXT,
            host TEXT,
            guest TEXT,
            start INTEGER,
            end INTEGER,
            rule TEXT
        )""",
            "CREATE INDEX events_doc ON events (doc_pk, idx)",
            "CREATE INDEX events_date ON events (date)",
            """CREATE TABLE event_actors (
            event_pk INTEGER NOT NULL REFERENCES events (pk),
            role TEXT NOT NULL,
            position INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            PRIMARY KEY (event_pk, role, position)
        ) WITHOUT ROWID""",
            "CREATE INDEX event_actors_actor ON event_actors (actor_id)",
            """CREATE TABLE quotes (
            pk INTEGER PRIMARY KEY,
            doc_pk INTEGER NOT NULL REFERENCES documents (pk),
            idx INTEGER NOT NULL,
            speaker TEXT,
            text TEXT NOT NULL,
            start INTEGER,
            end INTEGER,
            verb TEXT,
            direct INTEGER,
            speaker_rule TEXT
        )""",
            "CREATE INDEX quotes_doc ON quotes (doc_pk, idx)",
            "CREATE INDEX quotes_speaker ON quotes (speaker)",
            """CREATE TABLE dates (
            doc_pk INTEGER NOT NULL REFERENCES documents (pk),
            idx INTEGER NOT NULL,
            text TEXT,
            start INTEGER,
            end INTEGER,
            calendar TEXT,
            value TEXT,
            precision TEXT,
            PRIMARY KEY (doc_pk, idx)
        ) WITHOUT ROWID""",
            "CREATE INDEX dates_value ON dates (value)",
            """CREATE TABLE topics (
            doc_pk INTEGER NOT NULL REFERENCES documents (pk),
            topic TEXT NOT NULL,
            PRIMARY KEY (doc_pk, topic)
        ) WITHOUT ROWID""",
            "CREATE INDEX topics_topic ON topics (topic)",
            """CREATE VIRTUAL TABLE documents_fts USING fts5 (
            title, body, content='', tokenize='unicode61 remove_diacritics 2'
        )""",
        ),
    ),
    Migration(
        2,
        "feeds",
        (
            # feeds: one row per followed RSS/Atom feed; etag/last_modified for conditional GET,
            # next_poll (UTC) when `watch` polls it next, failures in a row (drives the backoff)
            """CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            name TEXT,
            added_at TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_polled TEXT,
            next_poll TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_status TEXT,
            last_error TEXT
        )""",
            # polls: one row per poll: status new | unchanged | failed, counts, error text
            """CREATE TABLE polls (
            pk INTEGER PRIMARY KEY,
            feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            status TEXT NOT NULL,
            http_status INTEGER,
            bytes INTEGER NOT NULL DEFAULT 0,
            items INTEGER NOT NULL DEFAULT 0,
            new_items INTEGER NOT NULL DEFAULT 0,
            stored INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            failed_items INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 1,
            error TEXT
        )""",
            "CREATE INDEX polls_feed ON polls (feed_id, pk)",
            # feed_items: every item id (guid, else link, else a hash) a feed has handed over,
            # so that a restart skips what was already ingested
            """CREATE TABLE feed_items (
            feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
            item_key TEXT NOT NULL,
            link TEXT,
            doc_id TEXT,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (feed_id, item_key)
        ) WITHOUT ROWID""",
        ),
    ),
    Migration(3, "near_duplicates_and_event_clusters", CLUSTER_STATEMENTS),
    Migration(
        4,
        "stances_and_listing_indexes",
        (
            # stances: the record's stances, one row per item (speaker -> target, -1/0/+1)
            """CREATE TABLE stances (
            doc_pk INTEGER NOT NULL REFERENCES documents (pk),
            idx INTEGER NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            polarity INTEGER NOT NULL,
            start INTEGER,
            end INTEGER,
            PRIMARY KEY (doc_pk, idx)
        ) WITHOUT ROWID""",
            "CREATE INDEX stances_source ON stances (source)",
            """INSERT INTO stances SELECT d.pk, s.key, json_extract(s.value, '$.source'),
            json_extract(s.value, '$.target'), json_extract(s.value, '$.polarity'),
            json_extract(s.value, '$.evidence.start'), json_extract(s.value, '$.evidence.end')
            FROM documents d, json_each(d.record, '$.stances') s""",
            # the web app's listings: events by kind and date, documents by language / outlet
            "CREATE INDEX events_type_date ON events (type, status, date)",
            "CREATE INDEX documents_outlet ON documents (outlet)",
            "CREATE INDEX documents_language ON documents (language)",
        ),
    ),
    Migration(
        5,
        "event_mode_goldstein_quote",
        (
            # PLOVER mode, Goldstein score and quote index of each event (record fields added by
            # issue 5), filled for stored records from their JSON
            "ALTER TABLE events ADD COLUMN mode TEXT",
            "ALTER TABLE events ADD COLUMN goldstein REAL",
            "ALTER TABLE events ADD COLUMN quote INTEGER",
            """UPDATE events SET
            mode = json_extract(d.record, '$.events[' || events.idx || '].mode'),
            goldstein = json_extract(d.record, '$.events[' || events.idx || '].goldstein'),
            quote = json_extract(d.record, '$.events[' || events.idx || '].quote')
            FROM documents d WHERE d.pk = events.doc_pk""",
        ),
    ),
    Migration(
        6,
        "event_listing_order",
        (
            # the order of event listings (date, undated last; document; position), as an index
            # so that a page of the timeline reads its rows instead of sorting every event
            "CREATE INDEX events_order ON events (COALESCE(date, '9999-12-31'), doc_pk, idx)",
        ),
    ),
    Migration(
        7,
        "event_countries",
        (
            # event_countries: every country of an event's actors (an actor's country, or the
            # country itself), so that the country filter reads an index
            """CREATE TABLE event_countries (
            country TEXT NOT NULL,
            event_pk INTEGER NOT NULL REFERENCES events (pk),
            PRIMARY KEY (country, event_pk)
        ) WITHOUT ROWID""",
            """INSERT OR IGNORE INTO event_countries
            SELECT a.country, ea.event_pk FROM event_actors ea
            JOIN events e ON e.pk = ea.event_pk
            JOIN actors a ON a.doc_pk = e.doc_pk AND a.actor_id = ea.actor_id
            WHERE a.country IS NOT NULL
            UNION
            SELECT upper(a.actor_id), ea.event_pk FROM event_actors ea
            JOIN events e ON e.pk = ea.event_pk
            JOIN actors a ON a.doc_pk = e.doc_pk AND a.actor_id = ea.actor_id
            WHERE a.type = 'country'""",
        ),
    ),
)
