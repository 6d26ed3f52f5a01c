package delivery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/transport"
	gt "github.com/tjanstebaserad/bal-go/internal/wire/geotorget1"
)

// Limits on what a listing may hold, so that a hostile or broken answer
// cannot make List loop or fill memory. A real subscription delivery has a
// few dozen files.
const (
	maxListingDepth   = 8
	maxListingEntries = 10_000
	maxPathLength     = 4096
	maxTitleLength    = 255
)

// maxListingRestarts bounds how often a listing starts over because a
// sub-listing's signed path expired while it was read.
const maxListingRestarts = 4

// File is one file of a delivery's listing.
type File struct {
	// Name is where the file goes under a download folder: the titles of
	// the sub-listings it was found under and its own, joined with "/",
	// e.g. "byggnad/byggnad_1.zip". Every part is a safe file name.
	Name string
	// Title is the listing's title of the file, e.g. "byggnad_1.zip".
	Title string
	// Type is the listing's media type, usually application/octet-stream.
	Type string
	// Path is the file's signed path relative to the order. It expires:
	// treat it as opaque and list again for a fresh one.
	Path string
	// Size is the file's length in bytes, as listed.
	Size int64
	// DisplaySize is the listing's displaySize, e.g. "17.9 MB".
	DisplaySize string
	// Updated is when the file was last written (updated).
	Updated time.Time
}

// List reads the file listing of the order's latest delivery
// (GET /{OrderID}/leverans/latest/files) and descends into every
// sub-listing (an entry of type application/json), returning the files in
// listing order. Before the first delivery it returns an error matching
// ErrNoDelivery.
func (c *Client) List(ctx context.Context, orderID string) ([]File, error) {
	const op = "delivery.List"
	if err := checkOrderID(op, orderID); err != nil {
		return nil, err
	}
	return c.list(ctx, op, orderID)
}

// list reads the whole listing. A sub-listing's path is signed like a
// file's and may expire between reading its parent and reading it; a 403
// or 404 there starts the listing over from the top, a few times.
func (c *Client) list(ctx context.Context, op, orderID string) ([]File, error) {
	for try := 1; ; try++ {
		files, err := c.listOnce(ctx, op, orderID)
		var stale *staleListing
		if errors.As(err, &stale) && try < maxListingRestarts {
			continue
		}
		if stale != nil {
			return nil, stale.err
		}
		return files, err
	}
}

// staleListing is a 403 or 404 on a sub-listing's signed path.
type staleListing struct{ err error }

func (e *staleListing) Error() string { return e.err.Error() }

func (c *Client) listOnce(ctx context.Context, op, orderID string) ([]File, error) {
	var files []File
	seen := map[string]bool{}
	entries := 0
	var walk func(dir, p string, depth int) error
	walk = func(dir, p string, depth int) error {
		var raw json.RawMessage
		res, err := c.t.Do(ctx, &transport.Op{Name: op, Method: http.MethodGet, Base: Base,
			Path: transport.Path(orderID) + p, Accept: bal.FormatJSON, Out: &raw})
		if err != nil {
			if depth == 0 && errors.Is(err, bal.ErrNotFound) {
				return fmt.Errorf("%w: order %s (%w)", ErrNoDelivery, orderID, err)
			}
			if depth > 0 && (errors.Is(err, bal.ErrNotFound) || errors.Is(err, bal.ErrForbidden)) && !errors.Is(err, bal.ErrNotSubscribed) {
				return &staleListing{err: err}
			}
			return err
		}
		level, err := parseListing(raw)
		if err != nil {
			return transport.Invalid(op, res, fmt.Errorf("listing %q: %w", orDot(dir), err))
		}
		entries += len(level)
		if entries > maxListingEntries {
			return transport.Invalid(op, res, fmt.Errorf("more than %d entries", maxListingEntries))
		}
		for _, e := range level {
			name := path.Join(dir, e.Title)
			if seen[strings.ToLower(name)] {
				// Compared without case: on Windows and macOS two such
				// files would overwrite each other.
				return transport.Invalid(op, res, fmt.Errorf("listing %q names %q twice", orDot(dir), e.Title))
			}
			seen[strings.ToLower(name)] = true
			if e.listing {
				if depth+1 >= maxListingDepth {
					return transport.Invalid(op, res, fmt.Errorf("listings nested deeper than %d", maxListingDepth))
				}
				if err := walk(name, e.Path, depth+1); err != nil {
					return err
				}
				continue
			}
			e.Name = name
			files = append(files, e.File)
		}
		return nil
	}
	if err := walk("", "/leverans/latest/files", 0); err != nil {
		return nil, err
	}
	return files, nil
}

func orDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

// entry is a checked listing entry.
type entry struct {
	File
	listing bool
}

// parseListing decodes one level of a listing and checks every entry: a
// title that is a safe file name, a path under the order, a length that is
// not negative and a timestamp that parses.
func parseListing(body []byte) ([]entry, error) {
	var ws []gt.Entry
	if err := json.Unmarshal(body, &ws); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	out := make([]entry, 0, len(ws))
	for i, w := range ws {
		e, err := checkEntry(w)
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func checkEntry(w gt.Entry) (entry, error) {
	if err := safeName(w.Title); err != nil {
		return entry{}, err
	}
	if err := safePath(w.Path); err != nil {
		return entry{}, fmt.Errorf("%q: %w", w.Title, err)
	}
	if w.Length < 0 {
		return entry{}, fmt.Errorf("%q: negative length %d", w.Title, w.Length)
	}
	updated, err := gt.ParseTime(w.Updated)
	if err != nil {
		return entry{}, fmt.Errorf("%q: %w", w.Title, err)
	}
	return entry{
		File: File{Title: w.Title, Type: w.Type, Path: w.Path, Size: w.Length,
			DisplaySize: w.DisplaySize, Updated: updated},
		listing: w.Type == gt.MediaListing,
	}, nil
}

// windowsReserved are the device names Windows will not create files under,
// with or without an extension.
var windowsReserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
}

// safeName refuses a title that could not be a single file name on every
// platform the SDK ships on, or would escape the download folder.
func safeName(s string) error {
	switch {
	case s == "":
		return errors.New("empty title")
	case len(s) > maxTitleLength:
		return fmt.Errorf("title longer than %d bytes", maxTitleLength)
	case s == "." || s == "..":
		return fmt.Errorf("title %q is not a file name", s)
	case strings.ContainsAny(s, `/\:*?"<>|`):
		return fmt.Errorf("title %q holds a path separator or a character Windows refuses", s)
	case strings.HasSuffix(s, ".") || strings.HasSuffix(s, " "):
		return fmt.Errorf("title %q ends in a dot or a space", s)
	case strings.HasSuffix(strings.ToLower(s), partSuffix):
		return fmt.Errorf("title %q ends in %s, which downloads use for unfinished files", s, partSuffix)
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return fmt.Errorf("title %q holds a control character or invalid UTF-8", s)
		}
	}
	if base, _, _ := strings.Cut(s, "."); windowsReserved[strings.ToUpper(strings.TrimSpace(base))] {
		return fmt.Errorf("title %q is a device name on Windows", s)
	}
	return nil
}

// safePath refuses a path that is not under the order: it must be absolute
// below the order's URL, without dot segments, fragment or control
// characters. Apart from that it is opaque.
func safePath(p string) error {
	switch {
	case !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//"):
		return fmt.Errorf("path %q does not start with a single /", truncate(p))
	case len(p) > maxPathLength:
		return fmt.Errorf("path longer than %d bytes", maxPathLength)
	case strings.ContainsAny(p, "#\\"):
		return fmt.Errorf("path %q holds # or \\", truncate(p))
	}
	for _, r := range p {
		if r <= ' ' || r == 0x7f || r == unicode.ReplacementChar {
			return fmt.Errorf("path %q holds a space, a control character or invalid UTF-8", truncate(p))
		}
	}
	rawPath, _, _ := strings.Cut(p, "?")
	for seg := range strings.SplitSeq(rawPath, "/") {
		if seg == "." || seg == ".." || strings.EqualFold(seg, "%2e") || strings.EqualFold(seg, "%2e%2e") ||
			strings.EqualFold(seg, ".%2e") || strings.EqualFold(seg, "%2e.") {
			return fmt.Errorf("path %q has a dot segment", truncate(p))
		}
	}
	return nil
}

func truncate(s string) string {
	if len(s) <= 80 {
		return s
	}
	return s[:80] + "…"
}
