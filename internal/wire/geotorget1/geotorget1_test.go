package geotorget1

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDisplaySizeFitsTheContractExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int64
		want string
	}{
		{104857600, "100 MB"}, // files-byggnad.200.json
		{41943040, "40 MB"},
		{18734410, "17.9 MB"}, // files.200.json
		{0, "0 B"},
		{1536, "1.5 KB"},
		{5 << 30, "5 GB"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, DisplaySize(tt.n), "%d", tt.n)
	}
}

func TestTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{in: "2026-11-29T22:38:12", want: time.Date(2026, 11, 29, 21, 38, 12, 0, time.UTC)},
		{in: "2026-07-01T12:00:00", want: time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC)},
		{in: "2026-11-29T22:38:12.5", want: time.Date(2026, 11, 29, 21, 38, 12, 5e8, time.UTC)},
		{in: "2026-11-29T22:38:12Z", want: time.Date(2026, 11, 29, 22, 38, 12, 0, time.UTC)},
		{in: "2026-11-29T22:38:12+01:00", want: time.Date(2026, 11, 29, 21, 38, 12, 0, time.UTC)},
		{in: "", want: time.Time{}},
		{in: "igår", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in)
		if tt.wantErr {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.True(t, tt.want.Equal(got), "%s: %v", tt.in, got)
		if tt.in != "" && len(tt.in) == len(localLayout) {
			assert.Equal(t, tt.in, FormatTime(got), "round trip")
		}
	}
	assert.Empty(t, FormatTime(time.Time{}))
}

func TestTextTakesStringsAndNumbers(t *testing.T) {
	t.Parallel()
	var o Order
	require.NoError(t, json.Unmarshal([]byte(`{"kundnummer": 700123, "arendenummer": "GT2026-1", "produktnummer": null}`), &o))
	assert.Equal(t, Text("700123"), o.Kundnummer)
	assert.Equal(t, Text("GT2026-1"), o.Arendenummer)
	assert.Empty(t, o.Produktnummer)
	assert.Error(t, json.Unmarshal([]byte(`{"kundnummer": true}`), &o))
}
