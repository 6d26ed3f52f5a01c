package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal"
)

// changeRow is one förändring of the change feed.
type changeRow struct {
	Sequence   int64          `json:"sequence"`
	Type       bal.ObjectType `json:"type"`
	ID         bal.ObjectID   `json:"id"`
	Version    bal.Version    `json:"version"`
	Kind       bal.ChangeKind `json:"kind"`
	Time       time.Time      `json:"time"`
	Checkpoint bal.Checkpoint `json:"checkpoint"`
}

func (changeRow) header() []string {
	return []string{"SEQUENCE", "TYPE", "ID", "VERSION", "KIND", "TIME"}
}

func (r changeRow) cells() []string {
	return []string{strconv.FormatInt(r.Sequence, 10), string(r.Type), r.ID.String(),
		strconv.FormatInt(int64(r.Version), 10), string(r.Kind), r.Time.Format(time.RFC3339)}
}

// errLimit ends a read at --limit.
var errLimit = errors.New("limit reached")

func newChanges(a *app) *cobra.Command {
	var (
		from, checkpointFile, kommun string
		types                        []string
		follow                       bool
		poll                         time.Duration
		limit, pageSize              int
	)
	cmd := &cobra.Command{
		Use:   "changes",
		Short: "Read the change feed (förändringar) from a checkpoint, or follow it",
		Long: `Changes lists what changed in the register after a checkpoint: each förändring
with its object, the version it produced, its kind (Ny, Ändrad, Avregistrerad)
and the checkpoint to resume from. Without --from or --checkpoint-file it starts
at the oldest change the feed keeps.

With --checkpoint-file the checkpoint is read from the file and written back
as changes are printed, so that the next run continues where this one stopped.
With --follow it keeps reading until interrupted (exit 0), asking for new
changes every --poll.

A checkpoint older than the feed keeps exits 7: the local copy must be
rebuilt from an extract.`,
		Example: `  bal --env fake changes
  bal changes --from 1200 --type byggnad --type entre
  bal changes --checkpoint-file feed.checkpoint -o json >> changes.jsonl
  bal changes --checkpoint-file feed.checkpoint --follow --poll 30s`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from != "" && checkpointFile != "" {
				return usageError("give --from or --checkpoint-file, not both")
			}
			if limit < 0 || poll < 0 {
				return usageError("--limit and --poll must not be negative")
			}
			opts := bal.FollowOptions{ChangesOptions: bal.ChangesOptions{PageSize: pageSize}}
			for _, s := range types {
				t, err := parseObjectType(s)
				if err != nil {
					return err
				}
				opts.Types = append(opts.Types, t)
			}
			if follow {
				if poll <= 0 {
					return usageError("--follow needs a --poll above zero")
				}
				opts.Poll = poll
				a.streaming()
			}
			var store bal.CheckpointStore = &bal.MemoryCheckpointStore{}
			if checkpointFile != "" {
				store = bal.NewFileCheckpointStore(checkpointFile)
			} else if err := store.Save(cmd.Context(), bal.Checkpoint(from)); err != nil {
				return err
			}
			t, c, err := a.connect(false)
			if err != nil {
				return err
			}
			if opts.Municipality, err = a.kommun(kommun, t); err != nil {
				return err
			}
			// --limit stops by cancelling the read after the last change
			// wanted has been handled, so that its checkpoint is saved.
			ctx, stop := context.WithCancelCause(cmd.Context())
			defer stop(nil)
			n := 0
			err = c.Follow(ctx, store, func(_ context.Context, ch bal.Change) error {
				if err := a.emit(changeRow{ch.Sequence, ch.Object.Type, ch.Object.ID, ch.Version, ch.Kind, ch.Time, ch.Checkpoint}); err != nil {
					return err
				}
				if n++; n == limit {
					stop(errLimit)
				}
				return nil
			}, &opts)
			switch {
			case errors.Is(context.Cause(ctx), errLimit):
				err = nil
			case follow && cmd.Context().Err() != nil:
				err = nil // interrupted: how --follow ends
			}
			if err != nil {
				return err
			}
			if !a.json() {
				cp, lerr := store.Load(context.WithoutCancel(ctx))
				if lerr == nil && !cp.IsZero() {
					a.note("%d changes; resume with --from %s", n, cp)
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "start after this checkpoint (default: the oldest change kept)")
	f.StringVar(&checkpointFile, "checkpoint-file", "", "read the checkpoint from this file and save it there as changes are printed")
	f.StringSliceVar(&types, "type", nil, "only changes of this object type ("+objectTypes+"); repeatable")
	f.StringVar(&kommun, "kommun", "", "only this municipality's changes (kommunkod; default $BAL_KOMMUNKOD)")
	f.BoolVarP(&follow, "follow", "f", false, "keep following the feed until interrupted")
	f.DurationVar(&poll, "poll", 5*time.Second, "with --follow, how often to ask for new changes")
	f.IntVar(&limit, "limit", 0, "stop after this many changes (0: no limit)")
	f.IntVar(&pageSize, "page-size", 0, fmt.Sprintf("changes per request, 1–%d (0: the most)", bal.MaxChangesPageSize))
	return cmd
}
