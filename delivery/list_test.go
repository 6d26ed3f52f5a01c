package delivery

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/contract"
	gt "github.com/tjanstebaserad/bal-go/internal/wire/geotorget1"
)

// A hostile or broken listing entry is refused with a reason; a good one
// passes whatever its opaque path holds.
func TestCheckEntry(t *testing.T) {
	t.Parallel()
	good := gt.Entry{Title: "byggnad_1.zip", Type: gt.MediaFile, Path: "/leverans/latest/files/byggnad_1.zip?sig=QWJj&exp=1", Length: 10, Updated: "2026-11-29T22:38:12"}
	tests := []struct {
		name    string
		edit    func(e *gt.Entry)
		wantErr string
	}{
		{"good", func(*gt.Entry) {}, ""},
		{"sub-listing", func(e *gt.Entry) { e.Title, e.Type, e.Length = "byggnad", gt.MediaListing, 0 }, ""},
		{"no timestamp", func(e *gt.Entry) { e.Updated = "" }, ""},
		{"offset timestamp", func(e *gt.Entry) { e.Updated = "2026-11-29T22:38:12+01:00" }, ""},
		{"percent-encoded path", func(e *gt.Entry) { e.Path = "/leverans/latest/files/%C3%A5r.zip?sig=a%2Bb" }, ""},
		{"empty title", func(e *gt.Entry) { e.Title = "" }, "empty title"},
		{"dot dot", func(e *gt.Entry) { e.Title = ".." }, "not a file name"},
		{"slash", func(e *gt.Entry) { e.Title = "../../etc/passwd" }, "path separator"},
		{"backslash", func(e *gt.Entry) { e.Title = `..\..\x` }, "path separator"},
		{"drive", func(e *gt.Entry) { e.Title = "C:x" }, "path separator"},
		{"control", func(e *gt.Entry) { e.Title = "a\x00b" }, "control character"},
		{"bad utf-8", func(e *gt.Entry) { e.Title = "a\xffb" }, "invalid UTF-8"},
		{"trailing dot", func(e *gt.Entry) { e.Title = "fil." }, "ends in a dot"},
		{"device", func(e *gt.Entry) { e.Title = "nul.zip" }, "device name"},
		{"part suffix", func(e *gt.Entry) { e.Title = "a.zip.part" }, "unfinished"},
		{"long title", func(e *gt.Entry) { e.Title = strings.Repeat("a", 256) }, "longer than"},
		{"relative path", func(e *gt.Entry) { e.Path = "leverans/x" }, "single /"},
		{"other host", func(e *gt.Entry) { e.Path = "//evil.example/x" }, "single /"},
		{"dot segment", func(e *gt.Entry) { e.Path = "/leverans/../../x" }, "dot segment"},
		{"encoded dot segment", func(e *gt.Entry) { e.Path = "/leverans/%2e%2E/x" }, "dot segment"},
		{"fragment", func(e *gt.Entry) { e.Path = "/x#y" }, "holds #"},
		{"space", func(e *gt.Entry) { e.Path = "/x y" }, "space"},
		{"negative length", func(e *gt.Entry) { e.Length = -1 }, "negative length"},
		{"bad timestamp", func(e *gt.Entry) { e.Updated = "igår" }, "timestamp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := good
			tt.edit(&e)
			got, err := checkEntry(e)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, e.Path, got.Path, "the path is kept verbatim")
			assert.Equal(t, e.Type == gt.MediaListing, got.listing)
		})
	}
}

// FuzzParseListing: no input panics, and whatever is accepted is safe to
// use: titles that are single file names, paths under the order.
func FuzzParseListing(f *testing.F) {
	for _, name := range []string{"files.200.json", "files-byggnad.200.json"} {
		b, err := contract.Read("geotorget/" + name)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`[]`))
	f.Add([]byte(`null`))
	f.Add([]byte(`[{"title":"..","type":"application/json","path":"/x","length":0}]`))
	f.Add([]byte(`[{"title":"a","type":"application/octet-stream","path":"/a?sig=1","length":9223372036854775807,"updated":"2026-01-01T00:00:00"}]`))
	f.Add([]byte(`[{"title":"a","path":"/a","length":1e3}]`))
	f.Add([]byte(`{"title":"a"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		entries, err := parseListing(body)
		if err != nil {
			return
		}
		for _, e := range entries {
			require.NoError(t, safeName(e.Title))
			require.True(t, utf8.ValidString(e.Title))
			require.NotContains(t, e.Title, "/")
			require.True(t, strings.HasPrefix(e.Path, "/") && !strings.HasPrefix(e.Path, "//"))
			require.GreaterOrEqual(t, e.Size, int64(0))
			// The accepted entry survives a round trip unchanged.
			b, err := json.Marshal(gt.Entry{Title: e.Title, Type: e.Type, Path: e.Path, Length: e.Size, DisplaySize: e.DisplaySize, Updated: gt.FormatTime(e.Updated)})
			require.NoError(t, err)
			again, err := parseListing(append(append([]byte("["), b...), ']'))
			require.NoError(t, err)
			require.Equal(t, e.Path, again[0].Path)
		}
	})
}

func TestParseContentRange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in           string
		start, total int64
		ok           bool
	}{
		{"bytes 100-999/1000", 100, 1000, true},
		{"bytes 0-0/1", 0, 1, true},
		{"bytes 100-998/1000", 0, 0, false},
		{"bytes 100-1000/1000", 0, 0, false},
		{"bytes */1000", 0, 0, false},
		{"bytes 5-4/10", 0, 0, false},
		{"items 0-1/2", 0, 0, false},
		{"bytes -1-9/10", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		start, total, err := parseContentRange(tt.in)
		if !tt.ok {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.start, start)
		assert.Equal(t, tt.total, total)
	}
}
