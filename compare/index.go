package compare

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"os"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/geometry"
)

// index holds one side of a comparison (the municipality's) so that the other side can be
// streamed past it: the features themselves go to a temporary spill file, and only a map
// from identity or key to a small entry stays in memory. Per feature that is one entry (24
// bytes) and one map slot (a 17-byte string for an identity, the key's length for a key,
// plus Go's map overhead); BenchmarkCompareMemory measures it.
type index struct {
	file    *os.File
	w       *bufio.Writer
	size    int64
	entries []entry
	// byID maps a type and an objektidentitet, byKey a type and a matching key, to the
	// first entry with them; entries chain through next.
	byID, byKey map[string]int32
	buf         []byte
}

// entry is one spilled feature.
type entry struct {
	off  int64
	size uint32
	next int32 // the next entry with the same identity or key, -1 at the end
	// matched is set when a feature of the other side took it; shared when another entry
	// has the same identity or key.
	matched, shared bool
}

func newIndex(dir string) (*index, error) {
	f, err := os.CreateTemp(dir, "bal-compare-*.spill")
	if err != nil {
		return nil, fmt.Errorf("compare: spill file: %w", err)
	}
	return &index{file: f, w: bufio.NewWriterSize(f, 1<<16), byID: map[string]int32{}, byKey: map[string]int32{}}, nil
}

// close removes the spill file.
func (x *index) close() error {
	if x.file == nil {
		return nil
	}
	name := x.file.Name()
	err := x.file.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	x.file = nil
	return err
}

// idKey and keyKey are the map keys: the type, a separator that no type contains, and the
// raw identity or the matching key.
func idKey(t bal.ObjectType, id bal.ObjectID) string { return string(t) + "\x00" + string(id[:]) }
func keyKey(t bal.ObjectType, k string) string       { return string(t) + "\x01" + k }

// add spills f and indexes it by its identity, or by its key when it has none.
func (x *index) add(f *Feature) error {
	b, err := encodeFeature(x.buf[:0], f)
	if err != nil {
		return err
	}
	x.buf = b
	if len(b) > 1<<31 {
		return fmt.Errorf("feature of %d bytes: %w", len(b), errTooLarge)
	}
	if _, err := x.w.Write(b); err != nil {
		return fmt.Errorf("compare: spill file: %w", err)
	}
	if len(x.entries) >= 1<<31-1 {
		return fmt.Errorf("more than %d features: %w", 1<<31-1, errTooLarge)
	}
	n := int32(len(x.entries))
	x.entries = append(x.entries, entry{off: x.size, size: uint32(len(b)), next: -1})
	x.size += int64(len(b))
	m, k := x.byKey, keyKey(f.Type, f.Key)
	if !f.ID.IsZero() {
		m, k = x.byID, idKey(f.Type, f.ID)
	}
	if head, ok := m[k]; ok {
		// Append at the end of the chain so that candidates come in input order.
		i := head
		for x.entries[i].next >= 0 {
			i = x.entries[i].next
		}
		x.entries[i].next = n
		// The earlier members were marked when the second one came.
		x.entries[head].shared = true
		x.entries[n].shared = true
	} else {
		m[k] = n
	}
	return nil
}

var errTooLarge = errors.New("too large to compare")

// ready ends the writing; features can be loaded from then on.
func (x *index) ready() error {
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("compare: spill file: %w", err)
	}
	return nil
}

// candidates returns the head of the chain of entries f may match: those with its identity,
// else, when no entry has it, those without identity with its key (byKey). found reports
// whether any entry has the identity or key, matched or not.
func (x *index) candidates(f *Feature) (head int32, byKey, found bool) {
	if !f.ID.IsZero() {
		if h, ok := x.byID[idKey(f.Type, f.ID)]; ok {
			return h, false, true
		}
	}
	if f.Key != "" {
		if h, ok := x.byKey[keyKey(f.Type, f.Key)]; ok {
			return h, true, true
		}
	}
	return -1, false, false
}

// load reads entry i back.
func (x *index) load(i int32) (Feature, error) {
	e := x.entries[i]
	if cap(x.buf) < int(e.size) {
		x.buf = make([]byte, e.size)
	}
	b := x.buf[:e.size]
	if _, err := x.file.ReadAt(b, e.off); err != nil {
		return Feature{}, fmt.Errorf("compare: spill file: %w", err)
	}
	return decodeFeature(b)
}

// The spill encoding of a feature: uvarint-prefixed strings for the type, key, ref and
// height system, the 16 bytes of the identity, a uvarint count of attributes and their
// names and values, and the geometry as uvarint-prefixed EWKB (length 0 for none).

func encodeFeature(b []byte, f *Feature) ([]byte, error) {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(string(f.Type))
	str(f.Key)
	str(f.Ref)
	str(f.HeightSystem)
	b = append(b, f.ID[:]...)
	b = binary.AppendUvarint(b, uint64(len(f.Attributes)))
	for k, v := range f.Attributes {
		str(k)
		str(v)
	}
	if f.Geometry == nil {
		return binary.AppendUvarint(b, 0), nil
	}
	g, err := geometry.MarshalEWKB(f.Geometry)
	if err != nil {
		return nil, err
	}
	b = binary.AppendUvarint(b, uint64(len(g)))
	return append(b, g...), nil
}

func decodeFeature(b []byte) (Feature, error) {
	var f Feature
	bad := errors.New("compare: spill file: corrupt entry")
	num := func() (uint64, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 {
			return 0, false
		}
		b = b[k:]
		return n, true
	}
	str := func() (string, bool) {
		n, ok := num()
		if !ok || n > uint64(len(b)) {
			return "", false
		}
		s := string(b[:n])
		b = b[n:]
		return s, true
	}
	var typ string
	var ok bool
	if typ, ok = str(); !ok {
		return f, bad
	}
	f.Type = bal.ObjectType(typ)
	if f.Key, ok = str(); !ok {
		return f, bad
	}
	if f.Ref, ok = str(); !ok {
		return f, bad
	}
	if f.HeightSystem, ok = str(); !ok {
		return f, bad
	}
	if len(b) < 16 {
		return f, bad
	}
	copy(f.ID[:], b[:16])
	b = b[16:]
	n, ok := num()
	if !ok || n > uint64(len(b)) {
		return f, bad
	}
	f.Attributes = make(map[string]string, n)
	for range n {
		k, ok1 := str()
		v, ok2 := str()
		if !ok1 || !ok2 {
			return f, bad
		}
		f.Attributes[k] = v
	}
	gl, ok := num()
	if !ok || gl > uint64(len(b)) {
		return f, bad
	}
	if gl > 0 {
		g, err := geometry.UnmarshalEWKB(b[:gl])
		if err != nil {
			return f, fmt.Errorf("compare: spill file: %w", err)
		}
		f.Geometry = g
	}
	return f, nil
}
