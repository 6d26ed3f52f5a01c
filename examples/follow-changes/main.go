// Command follow-changes keeps a local copy of a municipality's BAL objects
// in step with Lantmäteriet's change feed (förändringar), and picks up where
// it stopped when it is run again.
//
// Each run opens the local copy (objects.json) and its checkpoint
// (feed.checkpoint) in -dir, reads the förändringar after the checkpoint
// with bal.Client.Follow, applies each one, and saves the copy and then the
// checkpoint after every page. Stopping it (Ctrl-C) saves what was done; a
// crash at worst makes the next run see a few changes again, which the copy
// ignores because an object's version only goes up.
//
// It runs against an in-process fake Lantmäteriet (bal/baltest) and tells
// the story of two runs: the first builds the copy from the feed, then
// Lantmäteriet changes a few objects, then the program starts again and
// applies only those. Against Lantmäteriet itself, build the client with
// bal.NewClient(bal.Config{Environment: bal.Verification, Credentials: …})
// and call session on a schedule instead.
//
//	go run ./examples/follow-changes [-dir DIR]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

func main() {
	dir := flag.String("dir", "", "directory of the local copy and its checkpoint (default: a new temporary directory, removed at exit)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "follow-changes:", err)
		os.Exit(1)
	}
}

// run starts the fake Lantmäteriet and tells the story in dir.
func run(ctx context.Context, out io.Writer, dir string) error {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "follow-changes-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	// Every generated object enters the feed as "Ny", so the first run can
	// build the whole copy from the feed.
	srv := baltest.NewServer(baltest.WithInitialFeed(), baltest.WithTime(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)))
	defer srv.Close()
	return story(ctx, out, srv, dir)
}

// story is two runs of the program with Lantmäteriet at work in between.
func story(ctx context.Context, out io.Writer, srv *baltest.Server, dir string) error {
	c := srv.Client()
	defer c.CloseIdleConnections()

	fmt.Fprintln(out, "Run 1")
	if err := session(ctx, out, c, dir, nil); err != nil {
		return err
	}
	fmt.Fprintln(out, "Meanwhile at Lantmäteriet:")
	if err := lantmaterietAtWork(out, srv); err != nil {
		return err
	}
	fmt.Fprintln(out, "Run 2, after a restart")
	return session(ctx, out, c, dir, nil)
}

// shown is how many changes a run lists before it only counts them.
const shown = 8

// session is one run of the program: open the local copy, follow the feed
// to its current end, and report. after, when set, is called after each
// change applied (the tests stop a run with it).
func session(ctx context.Context, out io.Writer, c *bal.Client, dir string, after func(applied int)) error {
	local, err := openLocalCopy(dir)
	if err != nil {
		return err
	}
	from, err := local.Load(ctx)
	if err != nil {
		return err
	}
	if from.IsZero() {
		fmt.Fprintln(out, "  no checkpoint yet: reading the change feed from its start")
	} else {
		fmt.Fprintf(out, "  resuming after checkpoint %s with %s\n", from, local.summary())
	}
	applied, again := 0, 0
	handle := func(_ context.Context, ch bal.Change) error {
		if !local.apply(ch) {
			again++
			return nil
		}
		if applied++; applied <= shown {
			fmt.Fprintf(out, "  %-13s %-12s %s version %d\n", ch.Kind, ch.Object.Type, ch.Object.ID, ch.Version)
		}
		if after != nil {
			after(applied)
		}
		return nil
	}
	err = c.Follow(ctx, local, handle, &bal.FollowOptions{ChangesOptions: bal.ChangesOptions{PageSize: 200}})
	if applied > shown {
		fmt.Fprintf(out, "  … and %d more\n", applied-shown)
	}
	cp, lerr := local.Load(context.WithoutCancel(ctx))
	if lerr != nil {
		return lerr
	}
	var re *bal.ResyncError
	switch {
	case errors.As(err, &re):
		// Rebuilding needs a full extract (Geotorget); set
		// bal.FollowOptions.Resync to do it and go on by itself.
		return fmt.Errorf("checkpoint %s is older than the change feed keeps: rebuild the local copy from an extract and start again: %w", re.Checkpoint, err)
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(out, "  stopped at checkpoint %s: %d changes applied, %d seen again; local copy: %s\n", cp, applied, again, local.summary())
		return err
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "  caught up at checkpoint %s: %d changes applied, %d seen again; local copy: %s\n", cp, applied, again, local.summary())
	return nil
}

// lantmaterietAtWork makes the fake Lantmäteriet change things: it edits a
// building, retires an apartment, and registers a property formation that
// moves another building and its addresses to a new property (and raises a
// case about it).
func lantmaterietAtWork(out io.Writer, srv *baltest.Server) error {
	buildings := srv.Objects(update1.TypByggnad)
	edited := buildings[0].Meta().Objektidentitet
	if _, err := srv.EditBuilding(edited, nil); err != nil {
		return err
	}
	fmt.Fprintln(out, "  a building is edited")
	apartment := srv.Objects(update1.TypLagenhet)[0]
	apartment.Meta().Objektstatus = string(bal.StatusRetired)
	merged := update1.Verksamhetsatgard{Atgardstyp: "Ingår i annan lägenhet", AnsvarigOrganisation: srv.Kommunkod()}
	if _, err := srv.Put(merged, apartment); err != nil {
		return err
	}
	fmt.Fprintln(out, "  an apartment is merged into another and retired")
	moved := buildings[1].(*update1.Byggnad)
	if _, _, err := srv.FormProperty(moved.LiggerPa[0].Objektidentitet, moved.Objektidentitet); err != nil {
		return err
	}
	fmt.Fprintln(out, "  a property formation moves a building and its address points to a new property")
	return nil
}
