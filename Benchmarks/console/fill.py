#!/usr/bin/env python3
"""Clones the events a gateway stored into COUNT events, the way the console benchmark needs a big store:
new ids, arrival times spread over the last 30 days (newest now), subjects and senders varied, and one
delivery each whose status is delivered (90 %), pending (5 %, due tomorrow, so the gateway leaves them alone),
failed (3 %) or dead (2 %). The clone is
done by the database itself, in one statement per table.

    fill.py sqlite PATH COUNT
    fill.py postgres PSQL_URL COUNT      (runs psql)
"""
import subprocess
import sys
import time

kind, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
now = int(time.time() * 1000)
span = 30 * 24 * 3600 * 1000
topics = ["Refund for invoice", "Cannot log in", "Question about the API", "Upgrade to enterprise", "Bug in export"]

if kind == "sqlite":
    import sqlite3

    db = sqlite3.connect(target)
    db.executescript(
        f"""
        PRAGMA journal_mode = WAL;
        PRAGMA foreign_keys = ON;
        CREATE TEMP TABLE seed AS SELECT * FROM event ORDER BY received_at LIMIT 1;
        CREATE TEMP TABLE seed_delivery AS SELECT * FROM delivery WHERE event_id = (SELECT id FROM seed);
        CREATE TEMP TABLE topic(n INTEGER PRIMARY KEY, text TEXT);
        INSERT INTO topic VALUES {", ".join(f"({i}, '{t}')" for i, t in enumerate(topics))};
        DELETE FROM event;
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1})
        INSERT INTO event(id, source, kind, format, received_at, provider_event_id, client_ip, content_type, outcome, event, decision,
                          raw_body, dedupe_key, sender_email, sender_name, subject)
        SELECT printf('bench-%08d', i), s.source, s.kind, s.format, {now} - (i * {span} / {count}), NULL, s.client_ip, s.content_type,
               s.outcome,
               json_set(s.event, '$.id', printf('bench-%08d', i), '$.subject', (SELECT text FROM topic WHERE n = i % 5) || ' ' || i,
                        '$.sender.email', printf('customer%d@example.com', i % 5000)),
               s.decision, s.raw_body, NULL, printf('customer%d@example.com', i % 5000), s.sender_name,
               (SELECT text FROM topic WHERE n = i % 5) || ' ' || i
        FROM n, seed s;
        INSERT INTO delivery(event_id, destination, status, attempts, next_attempt_at, lease_until, draft, refs, last_failure_reason,
                             last_failure_detail, created_at, updated_at)
        SELECT e.id, d.destination,
               CASE WHEN e.rowid % 100 < 90 THEN 'delivered' WHEN e.rowid % 100 < 95 THEN 'pending'
                    WHEN e.rowid % 100 < 98 THEN 'failed' ELSE 'dead' END,
               1, CASE WHEN e.rowid % 100 BETWEEN 90 AND 94 THEN {now} + 86400000 ELSE e.received_at END, NULL, d.draft, d.refs,
               CASE WHEN e.rowid % 100 >= 95 THEN 'rejected' END, CASE WHEN e.rowid % 100 >= 95 THEN 'HTTP 422' END,
               e.received_at, e.received_at
        FROM event e, seed_delivery d;
        """
    )
    db.commit()
    db.execute("ANALYZE")
    db.close()
else:
    values = ", ".join(f"({i}, '{t}')" for i, t in enumerate(topics))
    sql = f"""
        CREATE TEMP TABLE seed AS SELECT * FROM event ORDER BY received_at LIMIT 1;
        CREATE TEMP TABLE seed_delivery AS SELECT * FROM delivery WHERE event_id = (SELECT id FROM seed);
        CREATE TEMP TABLE topic(n int PRIMARY KEY, text text);
        INSERT INTO topic VALUES {values};
        DELETE FROM event;
        INSERT INTO event(id, source, kind, format, received_at, provider_event_id, client_ip, content_type, outcome, event, decision,
                          raw_body, dedupe_key, sender_email, sender_name, subject)
        SELECT 'bench-' || lpad(i::text, 8, '0'), s.source, s.kind, s.format, {now} - (i::bigint * {span} / {count}), NULL, s.client_ip,
               s.content_type, s.outcome,
               jsonb_set(jsonb_set(jsonb_set(s.event::jsonb, '{{id}}', to_jsonb('bench-' || lpad(i::text, 8, '0'))),
                   '{{subject}}', to_jsonb((SELECT text FROM topic WHERE n = i % 5) || ' ' || i)),
                   '{{sender,email}}', to_jsonb('customer' || (i % 5000) || '@example.com'))::text,
               s.decision, s.raw_body, NULL, 'customer' || (i % 5000) || '@example.com', s.sender_name,
               (SELECT text FROM topic WHERE n = i % 5) || ' ' || i
        FROM generate_series(0, {count - 1}) AS i, seed s;
        INSERT INTO delivery(event_id, destination, status, attempts, next_attempt_at, lease_until, draft, refs, last_failure_reason,
                             last_failure_detail, created_at, updated_at)
        SELECT e.id, d.destination,
               CASE WHEN substr(e.id, 7)::int % 100 < 90 THEN 'delivered' WHEN substr(e.id, 7)::int % 100 < 95 THEN 'pending'
                    WHEN substr(e.id, 7)::int % 100 < 98 THEN 'failed' ELSE 'dead' END,
               1, CASE WHEN substr(e.id, 7)::int % 100 BETWEEN 90 AND 94 THEN {now} + 86400000 ELSE e.received_at END, NULL, d.draft,
               d.refs, CASE WHEN substr(e.id, 7)::int % 100 >= 95 THEN 'rejected' END, CASE WHEN substr(e.id, 7)::int % 100 >= 95 THEN 'HTTP 422' END,
               e.received_at, e.received_at
        FROM event e, seed_delivery d;
        VACUUM ANALYZE;
    """
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", target, "-c", sql.replace("VACUUM ANALYZE;", "")], check=True)
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", target, "-c", "VACUUM ANALYZE"], check=True)
