package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// FileSink keeps the chain in an append-only JSON-lines file, one entry a
// line, and the personal parts in a second JSON-lines file beside it
// (path + ".personal"), so that the personal file can be protected, backed
// up and culled on its own terms. Every entry is synced to disk (fsync)
// before Append returns, the personal part first. Several processes may
// share the files: an OS file lock (path + ".lock", which works on Windows
// too) serialises their writes, and each process reads what the others
// appended before it seals the next entry.
//
// A line cut short by a crash (a torn last line) is removed by the next
// writer, and on open; it never held a whole entry, since an entry counts
// as written only once its line, newline included, is synced. A personal
// part written by a process that died before it wrote the entry is removed
// the same way.
//
// A purge rewrites the files through temporary files renamed into place.
// On Windows a file cannot be replaced while another process has it open,
// so a purge there fails, and may be run again, while another process is
// reading the chain.
type FileSink struct {
	path, personalPath string
	perm               os.FileMode

	mu     sync.Mutex
	lock   *flock.Flock
	closed bool
	chain  *os.File // the chain file, open for appending while the write lock is held

	// The chain as this process last read it, under the lock.
	size    int64 // bytes of complete lines read
	head    Head
	damaged int64 // offset of the last line if it is not a sealed entry, else -1
	// personalSize is the personal file's size when this process last found
	// its end in order (-1: unknown), so that an append need not read it
	// again when no other process wrote since.
	personalSize int64
	keys         map[string]keyRef
	keyList      []keyRef // in chain order, to forget keys older than KeyWindow
}

type keyRef struct {
	key  string
	seq  uint64
	time time.Time
}

// FileOptions configures a FileSink.
type FileOptions struct {
	// Perm is the permission of files the sink creates; 0 means 0600
	// (owner only), fitting personal data.
	Perm os.FileMode
}

// ErrClosed is returned by a closed sink.
var ErrClosed = errors.New("audit: sink closed")

// OpenFile opens the chain file at path, creating it (and its personal and
// lock files) if it does not exist, and repairs a torn last line.
func OpenFile(path string, opts *FileOptions) (*FileSink, error) {
	perm := os.FileMode(0o600)
	if opts != nil && opts.Perm != 0 {
		perm = opts.Perm
	}
	s := &FileSink{
		path:         path,
		personalPath: path + ".personal",
		perm:         perm,
		lock:         flock.New(path+".lock", flock.SetPermissions(perm)),
		damaged:      -1,
		personalSize: -1,
	}
	created := false
	for _, p := range []string{s.path, s.personalPath} {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		switch {
		case err == nil:
			created = true
			f.Close()
		case !errors.Is(err, os.ErrExist):
			return nil, fmt.Errorf("audit: open %s: %w", p, err)
		}
	}
	if created {
		if err := syncDir(filepath.Dir(path)); err != nil {
			return nil, fmt.Errorf("audit: open %s: %w", path, err)
		}
	}
	if err := s.writing(func() error { return nil }); err != nil {
		return nil, fmt.Errorf("audit: open %s: %w", path, err)
	}
	return s, nil
}

// Path returns the chain file's path.
func (s *FileSink) Path() string { return s.path }

// PersonalPath returns the personal file's path.
func (s *FileSink) PersonalPath() string { return s.personalPath }

// Close releases the lock file. It does not wait for iterations in
// progress.
func (s *FileSink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return s.lock.Close()
}

// locked runs fn holding the in-process mutex and the file lock, exclusive
// or shared.
func (s *FileSink) locked(exclusive bool, fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	lock := s.lock.RLock
	if exclusive {
		lock = s.lock.Lock
	}
	if err := lock(); err != nil {
		return fmt.Errorf("lock %s: %w", s.lock.Path(), err)
	}
	defer s.lock.Unlock()
	return fn()
}

// writing runs fn under the exclusive lock, after reading what other
// processes appended and repairing what a crashed one left.
func (s *FileSink) writing(fn func() error) error {
	return s.locked(true, func() error {
		f, err := os.OpenFile(s.path, os.O_RDWR|os.O_APPEND, 0)
		if err != nil {
			return err
		}
		s.chain = f
		defer func() { s.chain = nil; f.Close() }()
		if err := s.catchUp(f, true); err != nil {
			return err
		}
		if err := s.repairPersonal(); err != nil {
			return err
		}
		return fn()
	})
}

// Head returns the newest entry.
func (s *FileSink) Head(ctx context.Context) (Head, error) {
	if err := ctx.Err(); err != nil {
		return Head{}, err
	}
	var h Head
	err := s.locked(false, func() error {
		f, err := os.Open(s.path)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := s.catchUp(f, false); err != nil {
			return err
		}
		h = s.head
		return nil
	})
	return h, err
}

// Append stores one entry; see Sink.
func (s *FileSink) Append(ctx context.Context, key string, since time.Time, seal func(Head, uint64) (*Entry, error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.writing(func() error { return s.appendLocked(key, since, seal) })
}

func (s *FileSink) appendLocked(key string, since time.Time, seal func(Head, uint64) (*Entry, error)) error {
	if s.damaged >= 0 {
		return fmt.Errorf("the last line of %s (at byte %d) is not a sealed entry: run Verify", s.path, s.damaged)
	}
	var earlier uint64
	if k, ok := s.keys[key]; ok && key != "" && !k.time.Before(since) {
		earlier = k.seq
	}
	e, err := seal(s.head, earlier)
	if err != nil || e == nil {
		return err
	}
	if e.Personal != nil {
		if err := appendLine(nil, s.personalPath, e.Personal); err != nil {
			s.personalSize = -1
			return fmt.Errorf("write %s: %w", s.personalPath, err)
		}
		if s.personalSize >= 0 {
			s.personalSize += int64(len(e.Personal)) + 1
		}
	}
	if err := appendLine(s.chain, s.path, e.Sealed); err != nil {
		s.forget() // a partial line may be on disk; read again next time
		return fmt.Errorf("write %s: %w", s.path, err)
	}
	s.size += int64(len(e.Sealed)) + 1
	s.observe(e.Sealed, s.size-int64(len(e.Sealed))-1)
	return nil
}

// appendLine appends line and a newline in one write to f, opened with
// O_APPEND (or, when f is nil, to path), and syncs it.
func appendLine(f *os.File, path string, line []byte) error {
	if bytes.IndexByte(line, '\n') >= 0 {
		return errors.New("entry holds a newline")
	}
	if f == nil {
		var err error
		if f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0); err != nil {
			return err
		}
		defer f.Close()
	}
	buf := make([]byte, 0, len(line)+1)
	buf = append(append(buf, line...), '\n')
	if _, err := f.Write(buf); err != nil {
		return err
	}
	return f.Sync()
}

// forget drops this process's view of the chain, to be read again.
func (s *FileSink) forget() {
	s.size, s.head, s.damaged, s.personalSize = 0, Head{}, -1, -1
	s.keys, s.keyList = nil, nil
}

// catchUp reads what was appended since this process last looked; with
// the exclusive lock it also removes a torn last line. If the file was
// replaced (a purge), it reads it again from the start.
func (s *FileSink) catchUp(f *os.File, exclusive bool) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	n := st.Size()
	if s.size > 0 && !s.stillReading(f, n) {
		s.forget()
	}
	if s.size == n {
		return nil // nothing new
	}
	if s.size == 0 {
		if err := s.skipToKeyWindow(f, n); err != nil {
			return err
		}
	}
	lr := newLineReader(f, s.size, n)
	for {
		line, at, rest, err := lr.next()
		if errors.Is(err, io.EOF) {
			if len(rest) > 0 && exclusive {
				// A torn line: its writer died before the newline, so it was
				// never acknowledged. Cut it off.
				if err := f.Truncate(at); err != nil {
					return fmt.Errorf("repair torn line: %w", err)
				}
				if err := f.Sync(); err != nil {
					return fmt.Errorf("repair torn line: %w", err)
				}
			}
			s.size = at
			return nil
		}
		if err != nil {
			return err
		}
		s.observe(line, at)
	}
}

// stillReading reports whether the file is the one this process read
// before, grown or not: the bytes before s.size must still end with the
// head's MAC.
func (s *FileSink) stillReading(f io.ReaderAt, n int64) bool {
	if n < s.size || s.damaged >= 0 {
		return false
	}
	tail := make([]byte, 67) // <64 hex>"}\n
	if s.size < int64(len(tail)) {
		return false
	}
	if _, err := f.ReadAt(tail, s.size-int64(len(tail))); err != nil {
		return false
	}
	return string(tail[:64]) == s.head.MAC && string(tail[64:]) == "\"}\n"
}

// skipToKeyWindow starts a fresh read of the chain where the entries of the
// last KeyWindow begin, found by bisection (entry times never decrease), so
// that opening a chain of years reads only its last day. The head is the
// last line's.
func (s *FileSink) skipToKeyWindow(f io.ReaderAt, n int64) error {
	start, line, ok, err := lastLine(f, n)
	if err != nil || !ok {
		return err
	}
	b, _, ok := peekEntry(line)
	if !ok {
		return nil // read everything; the damage will show
	}
	cutoff := b.Time.Add(-KeyWindow)
	lo, hi := int64(0), start // the first line at or after cutoff is in [lo, hi]
	for hi-lo > 64<<10 {
		mid := lo + (hi-lo)/2
		nl, err := nextLineStart(f, mid, hi)
		if err != nil {
			return err
		}
		if nl >= hi {
			break
		}
		lr := newLineReader(f, nl, hi)
		l, _, _, err := lr.next()
		if err != nil {
			break
		}
		e, _, ok := peekEntry(l)
		if !ok {
			break
		}
		if e.Time.Before(cutoff) {
			lo = nl
		} else {
			hi = nl
		}
	}
	s.size = lo
	return nil
}

// nextLineStart returns the offset after the first '\n' at or after off.
func nextLineStart(f io.ReaderAt, off, limit int64) (int64, error) {
	buf := make([]byte, 4<<10)
	for off < limit {
		n := min(int64(len(buf)), limit-off)
		if _, err := f.ReadAt(buf[:n], off); err != nil {
			return 0, err
		}
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return off + int64(i) + 1, nil
		}
		off += n
	}
	return limit, nil
}

// observe takes note of one complete line of the chain at offset at.
func (s *FileSink) observe(line []byte, at int64) {
	b, mac, ok := peekEntry(line)
	if !ok {
		s.damaged = at
		return
	}
	s.damaged = -1
	s.head = Head{Seq: b.Seq, MAC: mac, Time: b.Time}
	if b.Kind != kindIntent || b.Record != b.Seq || b.Intent.Key == "" {
		return
	}
	if s.keys == nil {
		s.keys = map[string]keyRef{}
	}
	k := keyRef{key: b.Intent.Key, seq: b.Seq, time: b.Time}
	s.keys[k.key] = k
	s.keyList = append(s.keyList, k)
	// Forget keys that left the window, in chain order.
	cutoff := b.Time.Add(-KeyWindow)
	i := sort.Search(len(s.keyList), func(i int) bool { return !s.keyList[i].time.Before(cutoff) })
	if i > 0 && (i > 1024 || i > len(s.keyList)/2) {
		for _, old := range s.keyList[:i] {
			if s.keys[old.key].seq == old.seq {
				delete(s.keys, old.key)
			}
		}
		s.keyList = append(s.keyList[:0], s.keyList[i:]...)
	}
}

// repairPersonal removes from the end of the personal file a torn line and
// the parts of entries that were never written (their process died between
// the two writes). Personal parts are written in chain order under the
// lock, so such parts can only be at the end. Must hold the exclusive lock,
// after catchUp.
func (s *FileSink) repairPersonal() error {
	cut, err := s.findPersonalEnd()
	if err != nil {
		s.personalSize = -1
		return fmt.Errorf("repair %s: %w", s.personalPath, err)
	}
	s.personalSize = cut
	return nil
}

// findPersonalEnd cuts the personal file after its last part that belongs
// to a written entry, and returns its size.
func (s *FileSink) findPersonalEnd() (int64, error) {
	if st, err := os.Stat(s.personalPath); err == nil && st.Size() == s.personalSize {
		return s.personalSize, nil // as this process left it
	}
	f, err := os.OpenFile(s.personalPath, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	n, cut := st.Size(), st.Size()
	for n > 0 {
		start, line, ok, err := lastLine(f, n)
		if err != nil {
			return 0, err
		}
		if !ok {
			cut = 0 // nothing but a torn line
			break
		}
		if start+int64(len(line))+1 < n {
			cut = start + int64(len(line)) + 1 // a torn line after it
		}
		seq, ok := peekPersonalSeq(line)
		if !ok || seq <= s.head.Seq {
			break
		}
		cut, n = start, start
	}
	if cut != st.Size() {
		if err := f.Truncate(cut); err != nil {
			return 0, err
		}
		if err := f.Sync(); err != nil {
			return 0, err
		}
	}
	return cut, nil
}

// Entries yields the chain as it is when the iteration starts. Each
// complete line is one entry, with its personal part attached; a line that
// is not a sealed entry is yielded with Seq 0, and a personal part that
// belongs to no entry with a nil Sealed, for Verify to report.
func (s *FileSink) Entries(ctx context.Context) iter.Seq2[*Entry, error] {
	return func(yield func(*Entry, error) bool) {
		var chain, personal *os.File
		var chainSize, personalSize int64
		err := s.locked(false, func() error {
			var err error
			if chain, chainSize, err = openSized(s.path); err != nil {
				return err
			}
			if personal, personalSize, err = openSized(s.personalPath); err != nil {
				chain.Close()
				return err
			}
			return nil
		})
		if err != nil {
			yield(nil, fmt.Errorf("audit: read %s: %w", s.path, err))
			return
		}
		defer chain.Close()
		defer personal.Close()
		for e, err := range mergeFiles(ctx, chain, chainSize, personal, personalSize) {
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}

func openSized(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}

// mergeFiles walks the chain and personal files side by side (both are in
// chain order) and yields each entry with its personal part.
func mergeFiles(ctx context.Context, chain io.ReaderAt, chainSize int64, personal io.ReaderAt, personalSize int64) iter.Seq2[*Entry, error] {
	return func(yield func(*Entry, error) bool) {
		cr := newLineReader(chain, 0, chainSize)
		pr := newLineReader(personal, 0, personalSize)
		var pending []byte // the next personal line, not yet attached
		var pendingSeq uint64
		pendingOK := false
		nextPersonal := func() error {
			line, _, _, err := pr.next()
			if errors.Is(err, io.EOF) {
				pending, pendingOK = nil, false
				return nil
			}
			if err != nil {
				return err
			}
			pending, pendingOK = bytes.Clone(line), true
			pendingSeq, _ = peekPersonalSeq(pending)
			return nil
		}
		if err := nextPersonal(); err != nil {
			yield(nil, err)
			return
		}
		for i := 0; ; i++ {
			if i%1024 == 0 {
				if err := ctx.Err(); err != nil {
					yield(nil, err)
					return
				}
			}
			line, _, _, err := cr.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				yield(nil, err)
				return
			}
			e := &Entry{Sealed: bytes.Clone(line)}
			if b, _, ok := peekEntry(line); ok {
				e.Seq = b.Seq
			}
			// Personal parts before this entry belong to no entry.
			for pendingOK && e.Seq != 0 && pendingSeq < e.Seq {
				if !yield(&Entry{Seq: pendingSeq, Personal: pending}, nil) {
					return
				}
				if err := nextPersonal(); err != nil {
					yield(nil, err)
					return
				}
			}
			if pendingOK && e.Seq != 0 && pendingSeq == e.Seq {
				e.Personal = pending
				if err := nextPersonal(); err != nil {
					yield(nil, err)
					return
				}
			}
			if !yield(e, nil) {
				return
			}
		}
		for pendingOK {
			if !yield(&Entry{Seq: pendingSeq, Personal: pending}, nil) {
				return
			}
			if err := nextPersonal(); err != nil {
				yield(nil, err)
				return
			}
		}
	}
}

// Cull applies a retention plan; see Sink. The purge entry is synced first;
// then the personal file and the chain file are each rewritten without what
// the plan removes (temporary file, sync, rename, directory sync). A crash
// in between leaves the purge entry in the chain, and the next Cull, whose
// plan reads it, finishes the work.
func (s *FileSink) Cull(ctx context.Context, plan func(Head, iter.Seq2[*Entry, error]) (*Cut, error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.writing(func() error {
		chain, chainSize, err := openSized(s.path)
		if err != nil {
			return err
		}
		personal, personalSize, err := openSized(s.personalPath)
		if err != nil {
			chain.Close()
			return err
		}
		c, err := plan(s.head, mergeFiles(ctx, chain, chainSize, personal, personalSize))
		chain.Close()
		personal.Close()
		if err != nil || c == nil {
			return err
		}
		if c.Purge != nil {
			if err := s.appendLocked("", time.Time{}, func(Head, uint64) (*Entry, error) { return c.Purge, nil }); err != nil {
				return err
			}
		}
		defer s.forget()
		// Windows cannot replace a file this process holds open.
		s.chain.Close()
		s.chain = nil
		if err := s.cullFile(s.personalPath, max(c.Through, c.PersonalThrough), peekPersonalSeq, true); err != nil {
			return fmt.Errorf("cull %s: %w", s.personalPath, err)
		}
		seqOf := func(line []byte) (uint64, bool) {
			b, _, ok := peekEntry(line)
			if !ok {
				return 0, false
			}
			return b.Seq, true
		}
		if err := s.cullFile(s.path, c.Through, seqOf, false); err != nil {
			return fmt.Errorf("cull %s: %w", s.path, err)
		}
		return nil
	})
}

// cullFile rewrites path without the lines whose position is at most
// through. Lines that are not what they should be are kept in the chain
// (they are evidence for Verify) and dropped from the personal file (they
// may hold personal data). The file is left alone when nothing goes.
func (s *FileSink) cullFile(path string, through uint64, seqOf func([]byte) (uint64, bool), dropMalformed bool) error {
	f, size, err := openSized(path)
	if err != nil {
		return err
	}
	defer f.Close()
	drop := func(line []byte) bool {
		seq, ok := seqOf(line)
		if !ok {
			return dropMalformed
		}
		return seq <= through
	}
	lr := newLineReader(f, 0, size)
	found := false
	for {
		line, _, _, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if drop(line) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	return replaceFile(path, s.perm, func(w io.Writer) error {
		lr := newLineReader(f, 0, size)
		for {
			line, _, _, err := lr.next()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if drop(line) {
				continue
			}
			if _, err := w.Write(line); err != nil {
				return err
			}
			if _, err := w.Write([]byte{'\n'}); err != nil {
				return err
			}
		}
	})
}
