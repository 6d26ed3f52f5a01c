package audit

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// PostgresSink keeps the chain in PostgreSQL: one table of entries, one of
// personal parts (so that a DBA can grant, back up and cull it on its own
// terms; rows reference their entry), and a one-row head table. Every
// Append is one transaction that locks the head row (SELECT … FOR UPDATE),
// so writers in any number of processes append one after another and the
// chain stays unbroken; a Cull is one transaction too.
//
// Removed rows linger in PostgreSQL's files until vacuumed, and in its
// write-ahead log and backups until those rotate: after a purge, VACUUM
// FULL the personal table and let the archive routines for WAL and backups
// run their course.
type PostgresSink struct {
	pool                  *pgxpool.Pool
	entry, personal, head string // quoted table names
}

// PostgresOptions configures a PostgresSink.
type PostgresOptions struct {
	// Schema holds the tables; "" means the connection's search path.
	Schema string
	// Prefix names the tables: Prefix_entry, Prefix_personal, Prefix_head;
	// "" means "bal_audit".
	Prefix string
}

var identRE = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,40}$`)

// OpenPostgres opens the sink in the database pool connects to, creating
// its tables if they do not exist. The sink does not own pool: close the
// pool after the sink.
func OpenPostgres(ctx context.Context, pool *pgxpool.Pool, opts *PostgresOptions) (*PostgresSink, error) {
	if pool == nil {
		return nil, errors.New("audit: nil pool")
	}
	var o PostgresOptions
	if opts != nil {
		o = *opts
	}
	if o.Prefix == "" {
		o.Prefix = "bal_audit"
	}
	if !identRE.MatchString(o.Prefix) || (o.Schema != "" && !identRE.MatchString(o.Schema)) {
		return nil, errors.New("audit: Postgres schema and prefix must be lower-case SQL identifiers")
	}
	name := func(suffix string) string {
		if o.Schema != "" {
			return pgx.Identifier{o.Schema, o.Prefix + suffix}.Sanitize()
		}
		return pgx.Identifier{o.Prefix + suffix}.Sanitize()
	}
	s := &PostgresSink{pool: pool, entry: name("_entry"), personal: name("_personal"), head: name("_head")}
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		// Concurrent CREATE TABLE IF NOT EXISTS can still collide in the
		// catalogue; one creator at a time.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, "bal-go audit "+s.entry); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, fmt.Sprintf(`
CREATE TABLE IF NOT EXISTS %[1]s (
	id     smallint PRIMARY KEY CHECK (id = 1),
	seq    bigint NOT NULL,
	mac    text NOT NULL,
	at_ns  bigint NOT NULL
);
INSERT INTO %[1]s VALUES (1, 0, '', 0) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS %[2]s (
	seq       bigint PRIMARY KEY,
	at        timestamptz NOT NULL,
	kind      text NOT NULL,
	idem_key  text,
	sealed    bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS %[4]s ON %[2]s (idem_key, seq) WHERE idem_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS %[3]s (
	seq   bigint PRIMARY KEY REFERENCES %[2]s (seq) ON DELETE CASCADE,
	data  bytea NOT NULL
);`, s.head, s.entry, s.personal, pgx.Identifier{o.Prefix + "_entry_key"}.Sanitize()))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("audit: create tables: %w", err)
	}
	return s, nil
}

// Tables returns the quoted names of the entry, personal and head tables.
func (s *PostgresSink) Tables() (entry, personal, head string) { return s.entry, s.personal, s.head }

// Close does nothing: the pool is the caller's.
func (s *PostgresSink) Close() error { return nil }

// Head returns the head row.
func (s *PostgresSink) Head(ctx context.Context) (Head, error) {
	return s.readHead(ctx, s.pool, "")
}

type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func (s *PostgresSink) readHead(ctx context.Context, q querier, suffix string) (Head, error) {
	var h Head
	var ns int64
	err := q.QueryRow(ctx, `SELECT seq, mac, at_ns FROM `+s.head+` WHERE id = 1`+suffix).Scan(&h.Seq, &h.MAC, &ns)
	if err != nil {
		return Head{}, fmt.Errorf("read head: %w", err)
	}
	if h.Seq > 0 {
		h.Time = time.Unix(0, ns).UTC()
	}
	return h, nil
}

// Append stores one entry in one transaction; see Sink.
func (s *PostgresSink) Append(ctx context.Context, key string, since time.Time, seal func(Head, uint64) (*Entry, error)) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		head, err := s.readHead(ctx, tx, " FOR UPDATE")
		if err != nil {
			return err
		}
		var earlier uint64
		if key != "" {
			err := tx.QueryRow(ctx, `SELECT seq FROM `+s.entry+` WHERE idem_key = $1 AND at >= $2 ORDER BY seq DESC LIMIT 1`,
				key, since).Scan(&earlier)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("look up key: %w", err)
			}
		}
		e, err := seal(head, earlier)
		if err != nil || e == nil {
			return err
		}
		return s.insert(ctx, tx, e)
	})
}

func (s *PostgresSink) insert(ctx context.Context, tx pgx.Tx, e *Entry) error {
	var key *string
	if e.Key != "" {
		key = &e.Key
	}
	if _, err := tx.Exec(ctx, `INSERT INTO `+s.entry+` (seq, at, kind, idem_key, sealed) VALUES ($1, $2, $3, $4, $5)`,
		e.Seq, e.Time, e.Kind, key, e.Sealed); err != nil {
		return fmt.Errorf("insert entry: %w", err)
	}
	if e.Personal != nil {
		if _, err := tx.Exec(ctx, `INSERT INTO `+s.personal+` (seq, data) VALUES ($1, $2)`, e.Seq, e.Personal); err != nil {
			return fmt.Errorf("insert personal part: %w", err)
		}
	}
	_, mac, err := splitSealed(e.Sealed)
	if err != nil {
		return fmt.Errorf("entry %d: %w", e.Seq, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE `+s.head+` SET seq = $1, mac = $2, at_ns = $3 WHERE id = 1`,
		e.Seq, mac, e.Time.UnixNano()); err != nil {
		return fmt.Errorf("update head: %w", err)
	}
	return nil
}

// Entries yields the chain from one consistent snapshot (a repeatable-read
// transaction), each entry with its personal part.
func (s *PostgresSink) Entries(ctx context.Context) iter.Seq2[*Entry, error] {
	return func(yield func(*Entry, error) bool) {
		tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			yield(nil, fmt.Errorf("read entries: %w", err))
			return
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		for e, err := range s.entries(ctx, tx) {
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}

func (s *PostgresSink) entries(ctx context.Context, tx pgx.Tx) iter.Seq2[*Entry, error] {
	return func(yield func(*Entry, error) bool) {
		rows, err := tx.Query(ctx, `SELECT e.seq, e.sealed, p.data FROM `+s.entry+` e LEFT JOIN `+s.personal+
			` p ON p.seq = e.seq ORDER BY e.seq`)
		if err != nil {
			yield(nil, fmt.Errorf("read entries: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			e := &Entry{}
			if err := rows.Scan(&e.Seq, &e.Sealed, &e.Personal); err != nil {
				yield(nil, fmt.Errorf("read entries: %w", err))
				return
			}
			if !yield(e, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, fmt.Errorf("read entries: %w", err))
		}
	}
}

// Cull applies a retention plan in one transaction; see Sink.
func (s *PostgresSink) Cull(ctx context.Context, plan func(Head, iter.Seq2[*Entry, error]) (*Cut, error)) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		head, err := s.readHead(ctx, tx, " FOR UPDATE")
		if err != nil {
			return err
		}
		c, err := plan(head, s.entries(ctx, tx))
		if err != nil || c == nil {
			return err
		}
		if c.Purge != nil {
			if err := s.insert(ctx, tx, c.Purge); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+s.personal+` WHERE seq <= $1`, max(c.Through, c.PersonalThrough)); err != nil {
			return fmt.Errorf("cull personal parts: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+s.entry+` WHERE seq <= $1`, c.Through); err != nil {
			return fmt.Errorf("cull entries: %w", err)
		}
		return nil
	})
}
