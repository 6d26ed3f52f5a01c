package baltest_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
)

// TestCredentialBelongsToOneMunicipality: a credential writes for one
// municipality. The fake refuses a write on another municipality's object
// with 403 BAL-0403 (update binding, Envelope), which the SDK returns as a
// forbidden error typed ErrNotResponsible, never retried; reads are not
// limited, and Migrerat objekt is a building action the server takes.
func TestCredentialBelongsToOneMunicipality(t *testing.T) {
	t.Parallel()
	own := baltest.Credentials{ID: "gavle", Secret: "gavle-secret", Kommunkod: "2180"}
	other := baltest.Credentials{ID: "uppsala", Secret: "uppsala-secret", Kommunkod: "0380"}
	s := baltest.NewServer(baltest.WithData(gen.Config{Seed: 4, Buildings: 100, Kommunkod: "2180"}),
		baltest.WithCredentials(own, other))
	t.Cleanup(s.Close)
	client := func(c baltest.Credentials) *building.Client {
		bc := s.Client(func(cfg *bal.Config) { cfg.Credentials = bal.ClientCredentials{ID: c.ID, Secret: c.Secret} })
		t.Cleanup(bc.CloseIdleConnections)
		return building.New(bc)
	}
	id := s.Dataset().Buildings[0].ID
	change := func(b *building.Building) error { b.ConstructionYear++; return nil }

	tests := []struct {
		name        string
		cred        baltest.Credentials
		responsible string
		action      bal.ActionType
		refused     bool
	}{
		{"own municipality", own, "2180", building.ActionBuildingChanged, false},
		{"Migrerat objekt is a building action", own, "2180", building.ActionBuildingMigrated, false},
		{"another municipality's object", other, "0380", building.ActionBuildingChanged, true},
		{"naming the object's municipality does not help", other, "2180", building.ActionBuildingChanged, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bc := client(tt.cred)
			before := len(s.Requests())
			_, err := bc.Buildings.Modify(t.Context(), id, change, bal.Action{Type: tt.action, Responsible: tt.responsible}, nil)
			if !tt.refused {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, bal.ErrForbidden)
			assert.ErrorIs(t, err, bal.ErrNotResponsible)
			assert.NotErrorIs(t, err, bal.ErrNotSubscribed)
			var e *bal.Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, "BAL-0403", e.Code)
			assert.Equal(t, 403, e.StatusCode)
			assert.Equal(t, 1, e.Attempts, "not retried")
			assert.Contains(t, err.Error(), "another municipality")
			writes := 0
			for _, r := range s.Requests()[before:] {
				if r.Method == "PUT" {
					writes++
				}
			}
			assert.Equal(t, 1, writes)
		})
	}

	// Reads are not bound to the municipality.
	b, err := client(other).Buildings.Get(t.Context(), id, nil)
	require.NoError(t, err)
	require.NotNil(t, b.Action)
	assert.Equal(t, building.ActionBuildingMigrated, b.Action.Type, "the last write's action, as recorded")
}

// TestWritesNeedAKommunkod: the SDK refuses an ansvarig organisation that
// is not a kommunkod before sending, and the fake refuses it too.
func TestWritesNeedAKommunkod(t *testing.T) {
	t.Parallel()
	s, c := server(t)
	bc := building.New(c)
	id := s.Dataset().Buildings[0].ID
	before := len(s.Requests())
	for _, org := range []string{"Gävle kommun", "9999", "218"} {
		_, err := bc.Buildings.Modify(t.Context(), id, func(*building.Building) error { return nil },
			bal.Action{Type: building.ActionBuildingChanged, Responsible: org}, nil)
		var v *bal.ValidationError
		require.ErrorAs(t, err, &v, org)
		assert.True(t, v.Has("Action.Responsible", bal.RuleFormat), "%s: %v", org, v.Problems)
	}
	for _, r := range s.Requests()[before:] {
		assert.NotEqual(t, "PUT", r.Method, "nothing was sent")
	}
}
