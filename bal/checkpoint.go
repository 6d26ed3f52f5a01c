package bal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
)

// CheckpointStore keeps a change-feed follower's position. Save the
// checkpoint a Change carries only after that change is applied on your side;
// after a restart, Load returns where to resume.
type CheckpointStore interface {
	// Load returns the saved checkpoint, or the zero Checkpoint if none was
	// saved yet.
	Load(ctx context.Context) (Checkpoint, error)
	// Save records cp, replacing what was saved before. When Save returns
	// nil the checkpoint survives a crash.
	Save(ctx context.Context, cp Checkpoint) error
}

// maxCheckpointLen bounds what Load accepts, so a corrupted or foreign file
// is reported rather than sent to the server.
const maxCheckpointLen = 1024

// FileCheckpointStore keeps the checkpoint in one file. Save writes a
// temporary file next to it, flushes it to disk, renames it over the old one
// and flushes the directory, so a crash at any moment leaves either the old
// checkpoint or the new one, never a torn file.
type FileCheckpointStore struct {
	path string
	mu   sync.Mutex
	// beforeRename is called between writing the temporary file and renaming
	// it; tests use it to simulate a crash at the worst moment.
	beforeRename func() error
}

// NewFileCheckpointStore returns a store keeping its checkpoint at path. The
// directory must exist; the file is created by the first Save.
func NewFileCheckpointStore(path string) *FileCheckpointStore {
	return &FileCheckpointStore{path: path}
}

// Path returns the file the store writes.
func (s *FileCheckpointStore) Path() string { return s.path }

// Load reads the checkpoint; a missing file is the zero Checkpoint.
func (s *FileCheckpointStore) Load(ctx context.Context) (Checkpoint, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("bal: load checkpoint: %w", err)
	}
	cp := Checkpoint(strings.TrimSuffix(string(b), "\n"))
	if err := checkCheckpoint(cp); err != nil {
		return "", fmt.Errorf("bal: load checkpoint from %s: %w", s.path, err)
	}
	return cp, nil
}

// Save replaces the checkpoint atomically and durably.
func (s *FileCheckpointStore) Save(ctx context.Context, cp Checkpoint) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkCheckpoint(cp); err != nil {
		return fmt.Errorf("bal: save checkpoint: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	dir, base := filepath.Split(s.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("bal: save checkpoint: %w", err)
	}
	tmpName := tmp.Name()
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if _, err := tmp.WriteString(string(cp) + "\n"); err != nil {
		return fmt.Errorf("bal: save checkpoint: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("bal: save checkpoint: flush: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("bal: save checkpoint: %w", err)
	}
	if s.beforeRename != nil {
		if err := s.beforeRename(); err != nil {
			return fmt.Errorf("bal: save checkpoint: %w", err)
		}
	}
	if err := os.Rename(tmpName, s.path); err != nil {
		return fmt.Errorf("bal: save checkpoint: %w", err)
	}
	committed = true
	// The rename is only durable once the directory entry is on disk.
	if d, err := os.Open(dir); err == nil {
		err = d.Sync()
		d.Close()
		if err != nil && !errors.Is(err, fs.ErrInvalid) {
			return fmt.Errorf("bal: save checkpoint: flush directory: %w", err)
		}
	}
	return nil
}

func checkCheckpoint(cp Checkpoint) error {
	if len(cp) > maxCheckpointLen {
		return fmt.Errorf("checkpoint longer than %d bytes", maxCheckpointLen)
	}
	if strings.ContainsFunc(string(cp), func(r rune) bool { return unicode.IsControl(r) || r == unicode.ReplacementChar }) {
		return errors.New("checkpoint contains control characters")
	}
	return nil
}

// MemoryCheckpointStore keeps the checkpoint in memory: for tests and for
// followers that resynchronise on every start anyway.
type MemoryCheckpointStore struct {
	mu sync.Mutex
	cp Checkpoint
}

// Load returns the last saved checkpoint.
func (s *MemoryCheckpointStore) Load(ctx context.Context) (Checkpoint, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cp, nil
}

// Save records cp.
func (s *MemoryCheckpointStore) Save(ctx context.Context, cp Checkpoint) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkCheckpoint(cp); err != nil {
		return fmt.Errorf("bal: save checkpoint: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cp = cp
	return nil
}
