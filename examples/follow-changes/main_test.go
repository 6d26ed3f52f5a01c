package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/building"
)

// The fake server and the client start goroutines; none may outlive the
// tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func newServer(t *testing.T) *baltest.Server {
	t.Helper()
	srv := baltest.NewServer(baltest.WithInitialFeed(), baltest.WithTime(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)))
	t.Cleanup(srv.Close)
	return srv
}

// onDisk reads objects.json as the server's state is compared with it.
func onDisk(t *testing.T, dir string) map[string]object {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "objects.json"))
	require.NoError(t, err)
	var list []object
	require.NoError(t, json.Unmarshal(b, &list))
	out := map[string]object{}
	for _, o := range list {
		out[key(o.Type, o.ID)] = o
	}
	return out
}

// serverState is every object the server holds, at its current version: the
// generated municipality's (the feed does not keep all of their changes once
// the third run has been away for a week).
func serverState(srv *baltest.Server) map[string]object {
	out := map[string]object{}
	for _, o := range srv.Dataset().Objects() {
		var ref bal.ObjectRef
		switch x := o.(type) {
		case *building.Building:
			ref = bal.ObjectRef{Type: bal.ObjectTypeBuilding, ID: x.ID}
		case *building.Entrance:
			ref = bal.ObjectRef{Type: bal.ObjectTypeEntrance, ID: x.ID}
		case *building.Apartment:
			ref = bal.ObjectRef{Type: bal.ObjectTypeApartment, ID: x.ID}
		case *address.Point:
			ref = bal.ObjectRef{Type: bal.ObjectTypeAddressPoint, ID: x.ID}
		case *address.Area:
			ref = bal.ObjectRef{Type: bal.ObjectTypeAddressArea, ID: x.ID}
		case *address.CourtyardArea:
			ref = bal.ObjectRef{Type: bal.ObjectTypeCourtyardArea, ID: x.ID}
		case *address.District:
			ref = bal.ObjectRef{Type: bal.ObjectTypeDistrict, ID: x.ID}
		default:
			panic(fmt.Sprintf("%T in the generated dataset", o))
		}
		m, ok := srv.Meta(ref)
		if !ok {
			panic(fmt.Sprintf("%s is generated, not in the server", ref))
		}
		out[key(ref.Type, ref.ID)] = object{Type: ref.Type, ID: ref.ID, Version: m.Version, Retired: m.Status == bal.StatusRetired}
	}
	return out
}

func TestProgramRuns(t *testing.T) {
	t.Setenv("BAL_ENV", "") // the default: an in-process fake
	t.Setenv("BAL_FAKE_URL", "")
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, ""))
	got := out.String()
	for _, want := range []string{
		"Run 1\n  no checkpoint yet: reading the change feed from its start\n",
		"caught up at checkpoint 675: 675 changes applied, 0 seen again",
		"Run 2, after a restart\n  resuming after checkpoint 675 with 675 objects",
		"  Avregistrerad Lagenhet",
		"caught up at checkpoint 682: 7 changes applied, 0 seen again",
		"1 retired",
		"Run 3, after the absence\n",
		"the feed no longer has checkpoint 682: rebuilt the copy from a base extract",
	} {
		assert.Contains(t, got, want)
	}
}

func TestStoryKeepsTheCopyIdenticalToTheServer(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	dir := t.TempDir()
	var out bytes.Buffer
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	require.NoError(t, story(t.Context(), &out, c, srv.Control(), dir))
	assert.Empty(t, cmp.Diff(serverState(srv), onDisk(t, dir)))
	cp, err := bal.NewFileCheckpointStore(filepath.Join(dir, "feed.checkpoint")).Load(t.Context())
	require.NoError(t, err)
	assert.Equal(t, bal.Checkpoint("685"), cp)
	assert.Contains(t, out.String(), "the feed no longer has checkpoint 682: rebuilt the copy from a base extract of")
	assert.Contains(t, out.String(), "(675 objects), following on from 685\n  caught up at checkpoint 685")
}

// A run stopped half-way (Ctrl-C) saves what it did; the next run goes on
// from there. A crash that loses the checkpoint save but not the objects
// makes the next run see changes again, which change nothing.
func TestStoppedCrashedAndRestarted(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	dir := t.TempDir()
	var out bytes.Buffer

	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	err := session(ctx, &out, c, dir, func(applied int) {
		if applied == 250 {
			stop()
		}
	}, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, out.String(), "stopped at checkpoint 250: 250 changes applied, 0 seen again")

	out.Reset()
	require.NoError(t, session(t.Context(), &out, c, dir, nil, nil))
	assert.Contains(t, out.String(), "resuming after checkpoint 250 with 250 objects")
	assert.Contains(t, out.String(), "caught up at checkpoint 675: 425 changes applied, 0 seen again")
	assert.Empty(t, cmp.Diff(serverState(srv), onDisk(t, dir)))

	// The crash: objects.json was written, the checkpoint save after it was
	// lost.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "feed.checkpoint"), []byte("100\n"), 0o600))
	require.NoError(t, lantmaterietAtWork(t.Context(), &out, srv.Control()))
	out.Reset()
	require.NoError(t, session(t.Context(), &out, c, dir, nil, nil))
	assert.Contains(t, out.String(), "caught up at checkpoint 682: 7 changes applied, 575 seen again")
	assert.Empty(t, cmp.Diff(serverState(srv), onDisk(t, dir)))

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"feed.checkpoint", "objects.json"}, names, "no temporary files left")
	assert.False(t, strings.Contains(out.String(), "stopped"))
}

// TestAgainstARunningFake runs the program as against `balsim
// -initial-feed`: a fake in "another process", over TLS, reached through
// nothing but the variables balsim prints, Lantmäteriet acting through its
// control API.
func TestAgainstARunningFake(t *testing.T) {
	srv := baltest.NewServer(baltest.WithTLS(), baltest.WithInitialFeed())
	defer srv.Close()
	baltest.SetEnv(t, srv)
	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), &out, dir))
	assert.Contains(t, out.String(), "Following the change feed of the fake at "+srv.URL()+"\n")
	assert.Contains(t, out.String(), "caught up at checkpoint 675: 675 changes applied")
	assert.Contains(t, out.String(), "caught up at checkpoint 682: 7 changes applied, 0 seen again")
	assert.Empty(t, cmp.Diff(serverState(srv), onDisk(t, dir)))
}
