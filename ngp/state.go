package ngp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/tjanstebaserad/bal-go/bal"
)

// State is a publication's saved state: its mottagning and what has been
// done for each object.
type State struct {
	// ReceptionID is the mottagningsid.
	ReceptionID string `json:"mottagningsid"`
	// Info is the delivery's leveransinfo.
	Info DeliveryInfo `json:"leveransinfo"`
	// Objects is what has been done for each object.
	Objects map[bal.ObjectID]*ObjectState `json:"objekt"`
}

// ObjectState is what has been done for one object.
type ObjectState struct {
	// Registered: its change is registered in the mottagning.
	Registered bool `json:"registrerad,omitempty"`
	// Uploaded: the object arrived (uploaded, or nothing to upload).
	Uploaded bool `json:"levererad,omitempty"`
	// ReportURL is the report's address from the upload's 303.
	ReportURL string `json:"rapport,omitempty"`
	// Delete marks a radering, Href an eftersändning.
	Delete bool   `json:"radering,omitempty"`
	Href   string `json:"href,omitempty"`
}

// StateStore keeps a publication's State between runs.
type StateStore interface {
	// Load returns the saved state, or nil and no error when there is none.
	Load(ctx context.Context) (*State, error)
	// Save replaces the saved state.
	Save(ctx context.Context, s *State) error
}

// FileStore keeps the state in a JSON file, replaced atomically on each
// save so that a crash leaves the previous or the new state, never half of
// one.
type FileStore struct {
	// Path is the file.
	Path string
}

// NewFileStore returns a FileStore for path.
func NewFileStore(path string) *FileStore { return &FileStore{Path: path} }

// Load reads the file; a missing file is no state.
func (f *FileStore) Load(context.Context) (*State, error) {
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	return &s, nil
}

// Save writes the state to a temporary file beside Path and renames it over
// Path.
func (f *FileStore) Save(_ context.Context, s *State) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), filepath.Base(f.Path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return werr
	}
	return os.Rename(tmp.Name(), f.Path)
}

// memoryStore keeps the state for one run of Publish.
type memoryStore struct {
	mu sync.Mutex
	b  []byte
}

func (m *memoryStore) Load(context.Context) (*State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.b == nil {
		return nil, nil
	}
	var s State
	return &s, json.Unmarshal(m.b, &s)
}

func (m *memoryStore) Save(_ context.Context, s *State) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.b = b
	m.mu.Unlock()
	return nil
}
