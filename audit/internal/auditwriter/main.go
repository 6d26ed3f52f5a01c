// Command auditwriter records writes into an audit sink until it has made
// -n of them or is killed. The audit package's tests run several at once
// against one sink, and kill them at random points, to show that the chain
// stays whole; scripts/audit-killloop runs the long kill loop.
//
// It prints one line per durable step, flushed at once:
//
//	intent <record>    the intent is durable
//	settled <record>   its outcome is durable
//	purged <through>   a purge finished (entries ≤ through are gone)
package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tjanstebaserad/bal-go/audit"
)

func main() {
	var (
		file   = flag.String("file", "", "chain file (a FileSink)")
		pg     = flag.String("pg", "", "PostgreSQL URL (a PostgresSink)")
		keyHex = flag.String("key", "", "chain key, hex")
		n      = flag.Int("n", 100, "writes to record")
		actor  = flag.String("actor", "writer", "actor id")
		wait   = flag.Bool("wait", false, "wait for a line on stdin before starting")
		step   = flag.Duration("step", 0, "simulated time per write (0: real time)")
		every  = flag.Int("purge-every", 0, "purge after every so many writes (0: never)")
		keep   = flag.Int("personal-days", 1, "purge: PersonalDays")
		years  = flag.Int("record-years", 0, "purge: RecordYears")
	)
	flag.Parse()
	if err := run(*file, *pg, *keyHex, *n, *actor, *wait, *step, *every, audit.Retention{PersonalDays: *keep, RecordYears: *years}); err != nil {
		fmt.Fprintln(os.Stderr, "auditwriter:", err)
		os.Exit(1)
	}
}

func run(file, pg, keyHex string, n int, actor string, wait bool, step time.Duration, every int, ret audit.Retention) error {
	ctx := context.Background()
	key, err := hex.DecodeString(keyHex)
	if err != nil {
		return err
	}
	var sink audit.Sink
	switch {
	case file != "":
		s, err := audit.OpenFile(file, nil)
		if err != nil {
			return err
		}
		sink = s
	case pg != "":
		pool, err := pgxpool.New(ctx, pg)
		if err != nil {
			return err
		}
		defer pool.Close()
		s, err := audit.OpenPostgres(ctx, pool, nil)
		if err != nil {
			return err
		}
		sink = s
	default:
		return fmt.Errorf("-file or -pg")
	}
	defer sink.Close()

	// A simulated clock moves step per write, so that retention periods pass
	// within a run; it starts no earlier than the chain's newest entry.
	now, tick := time.Now, func() {}
	if step > 0 {
		head, err := sink.Head(ctx)
		if err != nil {
			return err
		}
		base := time.Now().UTC()
		if head.Time.After(base) {
			base = head.Time
		}
		var ticks atomic.Int64
		now = func() time.Time { return base.Add(time.Duration(ticks.Load()) * step) }
		tick = func() { ticks.Add(1) }
	}
	r, err := audit.New(sink, &audit.Options{Key: key, Organisation: "test", Now: now})
	if err != nil {
		return err
	}
	if wait {
		bufio.NewReader(os.Stdin).ReadString('\n')
	}
	ctx = audit.WithActor(ctx, audit.Actor{ID: actor, Name: "Namn " + actor})
	out := bufio.NewWriter(os.Stdout)
	say := func(format string, args ...any) {
		fmt.Fprintf(out, format+"\n", args...)
		out.Flush()
	}
	for i := range n {
		tick()
		id := fmt.Sprintf("39722cbb-f8b9-404b-a045-%012d", i)
		p, err := r.Intend(ctx, &audit.Write{
			Operation: "building.Update", IdempotencyKey: fmt.Sprintf("%s-%d-%d", actor, os.Getpid(), i),
			Action: audit.Action{Type: "Ändring", Responsible: "2180"},
			Objects: []audit.WriteObject{{Change: "update", Type: "Byggnad", ID: id, Version: 1,
				Geometries: []audit.GeometryMetadata{{AccuracyPlan: 0.02, Surveyor: "Mätare " + actor}}}},
			Comment: "skrivning " + actor,
		})
		if err != nil {
			return err
		}
		say("intent %d", p.Record())
		if err := p.Settle(ctx, &audit.Answer{Receipts: []audit.Receipt{{ID: id, Version: 2}}, Attempts: 1}); err != nil {
			return err
		}
		say("settled %d", p.Record())
		if every > 0 && (i+1)%every == 0 {
			rep, err := r.Purge(ctx, ret)
			if err != nil {
				return err
			}
			say("purged %d", rep.Through)
		}
	}
	return nil
}
