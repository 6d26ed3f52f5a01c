package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/extract"
)

// object is what the local copy keeps of one BAL object: enough to know
// which version it has and whether it is still in use. A real integration
// would keep the object itself (fetched with building.Client or
// address.Client) next to it.
type object struct {
	Type    bal.ObjectType `json:"type"`
	ID      bal.ObjectID   `json:"id"`
	Version bal.Version    `json:"version"`
	Retired bool           `json:"retired,omitempty"`
}

// localCopy is the program's own database: one JSON file of objects, kept
// in memory while the program runs and written to disk, atomically, each
// time the checkpoint is about to be saved. It is the bal.CheckpointStore
// Follow uses, so the order on disk is always "objects first, checkpoint
// second": after a crash between the two, the objects are ahead of the
// checkpoint and the changes in between are seen again, which apply
// ignores. The reverse order could lose changes.
type localCopy struct {
	path       string
	checkpoint *bal.FileCheckpointStore
	objects    map[string]*object
}

// openLocalCopy loads the copy kept in dir, or starts an empty one.
func openLocalCopy(dir string) (*localCopy, error) {
	l := &localCopy{
		path:       filepath.Join(dir, "objects.json"),
		checkpoint: bal.NewFileCheckpointStore(filepath.Join(dir, "feed.checkpoint")),
		objects:    map[string]*object{},
	}
	b, err := os.ReadFile(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load local copy: %w", err)
	}
	var list []*object
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("load local copy %s: %w", l.path, err)
	}
	for _, o := range list {
		l.objects[key(o.Type, o.ID)] = o
	}
	return l, nil
}

func key(t bal.ObjectType, id bal.ObjectID) string { return string(t) + "/" + id.String() }

// apply brings the copy up to date with one change, idempotently: a change
// whose version the copy already has is one seen before a restart. It
// reports whether the change was new.
func (l *localCopy) apply(ch bal.Change) bool {
	k := key(ch.Object.Type, ch.Object.ID)
	o := l.objects[k]
	if o != nil && o.Version >= ch.Version {
		return false
	}
	if o == nil {
		o = &object{Type: ch.Object.Type, ID: ch.Object.ID}
		l.objects[k] = o
	}
	o.Version = ch.Version
	o.Retired = o.Retired || ch.Kind == bal.ChangeRetired
	return true
}

// rebuild replaces the objects with those of a base extract and writes
// them; Follow saves the checkpoint to follow on from afterwards. It
// returns how many objects the extract held.
func (l *localCopy) rebuild(objects iter.Seq2[extract.Item, error]) (int, error) {
	fresh := map[string]*object{}
	for it, err := range objects {
		if err != nil {
			return 0, err
		}
		var m *bal.Meta
		switch o := it.Object().(type) {
		case *building.Building:
			m = &o.Meta
		case *building.Entrance:
			m = &o.Meta
		case *building.Apartment:
			m = &o.Meta
		case *address.Point:
			m = &o.Meta
		case *address.Area:
			m = &o.Meta
		case *address.CourtyardArea:
			m = &o.Meta
		case *address.District:
			m = &o.Meta
		default:
			continue
		}
		fresh[key(it.Type, it.ID)] = &object{Type: it.Type, ID: it.ID, Version: m.Version, Retired: m.Status == bal.StatusRetired}
	}
	l.objects = fresh
	return len(fresh), l.write()
}

// Load returns the saved checkpoint.
func (l *localCopy) Load(ctx context.Context) (bal.Checkpoint, error) {
	return l.checkpoint.Load(ctx)
}

// Save writes the objects, then the checkpoint.
func (l *localCopy) Save(ctx context.Context, cp bal.Checkpoint) error {
	if err := l.write(); err != nil {
		return err
	}
	return l.checkpoint.Save(ctx, cp)
}

// write replaces objects.json atomically: a temporary file, flushed, then
// renamed over the old one.
func (l *localCopy) write() error {
	list := make([]*object, 0, len(l.objects))
	for _, o := range l.objects {
		list = append(list, o)
	}
	slices.SortFunc(list, func(a, b *object) int { return strings.Compare(key(a.Type, a.ID), key(b.Type, b.ID)) })
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return fmt.Errorf("save local copy: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(l.path), ".objects.json.tmp-*")
	if err != nil {
		return fmt.Errorf("save local copy: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("save local copy: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save local copy: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save local copy: %w", err)
	}
	if err := os.Rename(tmp.Name(), l.path); err != nil {
		return fmt.Errorf("save local copy: %w", err)
	}
	return nil
}

// summary counts the objects by type, e.g. "Byggnad 100, Entre 116".
func (l *localCopy) summary() string {
	count := map[bal.ObjectType]int{}
	retired := 0
	for _, o := range l.objects {
		count[o.Type]++
		if o.Retired {
			retired++
		}
	}
	var parts []string
	for _, t := range slices.Sorted(maps.Keys(count)) {
		parts = append(parts, fmt.Sprintf("%s %d", t, count[t]))
	}
	return fmt.Sprintf("%d objects (%s), %d retired", len(l.objects), strings.Join(parts, ", "), retired)
}
