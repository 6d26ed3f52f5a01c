package main

import (
	"context"
	"encoding/hex"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/audit"
	"github.com/tjanstebaserad/bal-go/bal"
)

// auditSettings are the audit trail's settings: where it is kept, its key,
// the recording organisation and the official on whose behalf write
// commands write.
type auditSettings struct {
	// sink, keyFile and actor are the flags --audit, --audit-key-file and
	// --actor; empty means "not given".
	sink, keyFile, actor string

	rec *audit.Recorder
}

// auditConfig is the configuration file's part about the audit trail.
type auditConfig struct {
	// Audit is the audit trail: a JSON Lines file, or a postgres:// URL.
	Audit string `json:"audit"`
	// AuditKeyFile is a file holding the chain's key in hex (at least 32
	// bytes); a relative path is relative to the configuration file.
	AuditKeyFile string `json:"auditKeyFile"`
	// AuditOrganisation names the recording organisation in every record.
	AuditOrganisation string `json:"auditOrganisation"`
	// AuditRetention is the retention policy 'bal audit purge' applies.
	AuditRetention *retentionConfig `json:"auditRetention"`
}

type retentionConfig struct {
	PersonalDays int `json:"personalDays"`
	RecordYears  int `json:"recordYears"`
}

// addAuditFlags gives cmd (and, persistent, its subcommands) the flags
// that name the audit trail.
func (a *app) addAuditFlags(cmd *cobra.Command, persistent bool) {
	f := cmd.Flags()
	if persistent {
		f = cmd.PersistentFlags()
	}
	f.StringVar(&a.audit.sink, "audit", "", "the audit trail: a JSON Lines file or a postgres:// URL (default $BAL_AUDIT)")
	f.StringVar(&a.audit.keyFile, "audit-key-file", "", "file holding the audit trail's key, in hex (default $BAL_AUDIT_KEY_FILE)")
}

// auditSink resolves where the audit trail is kept; empty when it is not
// configured.
func (a *app) auditSink() (string, error) {
	fc, err := a.config()
	if err != nil {
		return "", err
	}
	return a.setting(a.audit.sink, "BAL_AUDIT", fc.Audit), nil
}

// recorder opens the audit trail, once; nil when none is configured.
func (a *app) recorder(ctx context.Context) (*audit.Recorder, error) {
	if a.audit.rec != nil {
		return a.audit.rec, nil
	}
	where, err := a.auditSink()
	if err != nil || where == "" {
		return nil, err
	}
	fc, _ := a.config()
	keyPath := a.setting(a.audit.keyFile, "BAL_AUDIT_KEY_FILE", fc.AuditKeyFile)
	if keyPath == "" {
		return nil, usageError("the audit trail %s needs its key: give --audit-key-file (or set BAL_AUDIT_KEY_FILE)", where)
	}
	raw, err := os.ReadFile(keyPath)
	if err != nil {
		return nil, usageError("audit key file: %v", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(key) < audit.MinKeySize {
		return nil, usageError("audit key file %s must hold at least %d bytes in hex (e.g. from 'openssl rand -hex 32')", keyPath, audit.MinKeySize)
	}
	var sink audit.Sink
	if strings.HasPrefix(where, "postgres://") || strings.HasPrefix(where, "postgresql://") {
		pool, err := pgxpool.New(ctx, where)
		if err != nil {
			return nil, usageError("--audit: %v", bal.Redact(err.Error()))
		}
		a.closers = append(a.closers, pool.Close)
		ps, err := audit.OpenPostgres(ctx, pool, nil)
		if err != nil {
			return nil, err
		}
		sink = ps
	} else {
		fs, err := audit.OpenFile(where, nil)
		if err != nil {
			return nil, err
		}
		sink = fs
	}
	a.closers = append(a.closers, func() { sink.Close() })
	org := a.setting("", "BAL_AUDIT_ORGANISATION", fc.AuditOrganisation)
	rec, err := audit.New(sink, &audit.Options{Key: key, Organisation: org})
	if err != nil {
		return nil, usageError("%v", err)
	}
	a.audit.rec = rec
	return rec, nil
}

// auditPaths fixes up the configuration file's audit paths, relative
// to the file.
func (fc *fileConfig) auditPaths(path string) {
	if fc.AuditKeyFile != "" && !filepath.IsAbs(fc.AuditKeyFile) {
		fc.AuditKeyFile = filepath.Join(filepath.Dir(path), fc.AuditKeyFile)
	}
	if fc.Audit != "" && !strings.Contains(fc.Audit, "://") && !filepath.IsAbs(fc.Audit) {
		fc.Audit = filepath.Join(filepath.Dir(path), fc.Audit)
	}
}

// actor is the official the write commands record: --actor, $BAL_ACTOR or
// the user logged in, with $BAL_ACTOR_NAME as the name.
func (a *app) actor() (audit.Actor, error) {
	id := a.setting(a.audit.actor, "BAL_ACTOR", "")
	if id == "" {
		if u, err := user.Current(); err == nil {
			id = u.Username
		}
	}
	if id == "" {
		return audit.Actor{}, usageError("no official to record the write as: give --actor (or set BAL_ACTOR)")
	}
	return audit.Actor{ID: id, Name: a.getenv("BAL_ACTOR_NAME")}, nil
}

// recordWrites makes cfg's client record its writes in the audit trail,
// when one is configured, as made by the actor.
func (a *app) recordWrites(ctx context.Context, cfg *bal.Config) error {
	rec, err := a.recorder(ctx)
	if err != nil || rec == nil {
		return err
	}
	who, err := a.actor()
	if err != nil {
		return err
	}
	cfg.Recorder = asActor{next: rec.Hook(), actor: who}
	return nil
}

// asActor records writes as made by actor unless the call's context names
// another: the commands' contexts name none.
type asActor struct {
	next  bal.Recorder
	actor audit.Actor
}

func (r asActor) RecordWrite(ctx context.Context, w *bal.Write) (func(context.Context, *bal.WriteResult) error, error) {
	if _, ok := audit.ActorFrom(ctx); !ok {
		ctx = audit.WithActor(ctx, r.actor)
	}
	return r.next.RecordWrite(ctx, w)
}
