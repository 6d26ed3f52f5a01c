package audit

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"sync"
	"time"
)

// memSink is a Sink over two byte slices laid out exactly as a FileSink's
// files, so that tests can tamper with the bytes and verify thousands of
// variants without touching the disk. It reads them with the FileSink's own
// merge.
type memSink struct {
	mu       sync.Mutex
	chain    []byte
	personal []byte
	head     Head
}

func (m *memSink) Head(context.Context) (Head, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.head, nil
}

func (m *memSink) Append(_ context.Context, key string, since time.Time, seal func(Head, uint64) (*Entry, error)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, err := seal(m.head, 0)
	if err != nil || e == nil {
		return err
	}
	if e.Personal != nil {
		m.personal = append(append(m.personal, e.Personal...), '\n')
	}
	m.chain = append(append(m.chain, e.Sealed...), '\n')
	_, mac, _ := splitSealed(e.Sealed)
	m.head = Head{Seq: e.Seq, MAC: mac, Time: e.Time}
	return nil
}

func (m *memSink) Entries(ctx context.Context) iter.Seq2[*Entry, error] {
	m.mu.Lock()
	chain, personal := bytes.Clone(m.chain), bytes.Clone(m.personal)
	m.mu.Unlock()
	return mergeFiles(ctx, bytes.NewReader(chain), int64(len(chain)), bytes.NewReader(personal), int64(len(personal)))
}

func (m *memSink) Cull(context.Context, func(Head, iter.Seq2[*Entry, error]) (*Cut, error)) error {
	return errors.New("memSink: no culling")
}

func (m *memSink) Close() error { return nil }

// tampered returns a sink holding the given bytes, which knows no head (as
// a FileSink, whose head is its last line).
func tampered(chain, personal []byte) *memSink {
	return &memSink{chain: chain, personal: personal}
}
