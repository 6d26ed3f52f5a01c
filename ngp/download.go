package ngp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/transport"
)

// Downloads is Geodatakatalog Nedladdning v1: domain objects and assets,
// each answered with a 303 to the file.
type Downloads struct {
	t *transport.Transport
}

// DownloadOptions tunes a download. A nil *DownloadOptions takes the
// defaults.
type DownloadOptions struct {
	// Attempts bounds the requests for the file, each continuing where the
	// previous stopped; 0 means 10.
	Attempts int
	// Progress, when set, is called as bytes arrive with the bytes on disk
	// and the total (-1 while unknown).
	Progress func(done, total int64)
}

// Download is a finished download.
type Download struct {
	// Path is the file written.
	Path string
	// Size is its length in bytes.
	Size int64
	// Media is the file's Content-Type, e.g. application/vnd.lm.byggnad.v1+json.
	Media string
	// Resumed counts the requests that continued a partial file.
	Resumed int
}

// Asset downloads the asset or domain object id (GET /asset/{id}, a 303 to
// the file) to path. See File.
func (d *Downloads) Asset(ctx context.Context, id, path string, opts *DownloadOptions) (*Download, error) {
	return d.File(ctx, DownloadBase+transport.Path("asset", id), path, opts)
}

// File downloads the file at href (an asset's href from Sökning, or a
// Nedladdning address) to path, resumably: bytes go to path+".part", a
// broken transfer continues with an HTTP Range request from what is on
// disk (also in a later call), the result is checked against the length the
// server declared, and only then renamed to path. The 303 is followed only
// on the environment's own host: the token is never sent anywhere else.
func (d *Downloads) File(ctx context.Context, href, path string, opts *DownloadOptions) (*Download, error) {
	const op = "ngp.Download"
	attempts := 10
	if opts != nil && opts.Attempts > 0 {
		attempts = opts.Attempts
	}
	u, err := resolve(d.t, op, href)
	if err != nil {
		return nil, err
	}
	// Ask where the file is, without following the answer.
	req, err := d.t.NewRequest(callctx.WithoutRedirects(ctx), &transport.Op{Name: op, Method: http.MethodGet, Accept: bal.FormatJSON})
	if err != nil {
		return nil, err
	}
	req.URL, req.Host = u, u.Host
	res, err := d.t.Client().Do(req, nil)
	if err != nil {
		return nil, err
	}
	target := u.String()
	if res.StatusCode >= 300 && res.StatusCode < 400 {
		loc := res.Header.Get("Location")
		if loc == "" {
			return nil, transport.Invalid(op, res, errors.New("redirect without Location"))
		}
		lu, err := url.Parse(loc)
		if err != nil {
			return nil, transport.Invalid(op, res, fmt.Errorf("location header %q: %w", loc, err))
		}
		fu, err := resolve(d.t, op, u.ResolveReference(lu).String())
		if err != nil {
			return nil, err
		}
		target = fu.String()
	}
	part := path + ".part"
	out := &Download{Path: path}
	for i := 0; ; i++ {
		done, total, media, err := d.fetch(ctx, op, target, part, opts)
		if media != "" {
			out.Media = media
		}
		if err == nil && total >= 0 && done != total {
			err = fmt.Errorf("bal: %s: got %d of %d bytes", op, done, total)
		}
		if err == nil {
			if err := os.Rename(part, path); err != nil {
				return nil, err
			}
			out.Size = done
			return out, nil
		}
		if ctx.Err() != nil || i+1 >= attempts {
			return nil, err
		}
		out.Resumed++
	}
}

// fetch requests target from the part file's length on and appends what
// arrives. It returns the bytes on disk and the file's total length (-1 when
// unknown).
func (d *Downloads) fetch(ctx context.Context, op, target, part string, opts *DownloadOptions) (int64, int64, string, error) {
	f, err := os.OpenFile(part, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return 0, -1, "", err
	}
	defer f.Close()
	have, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, -1, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return have, -1, "", err
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	resp, err := d.t.Client().HTTPClient().Do(req)
	if err != nil {
		return have, -1, "", fmt.Errorf("bal: %s: %w", op, err)
	}
	defer resp.Body.Close()
	total := int64(-1)
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		start, size, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok || start != have {
			return have, -1, "", transport.Invalid(op, nil, fmt.Errorf("Content-Range %q does not continue at %d", resp.Header.Get("Content-Range"), have))
		}
		total = size
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable && have > 0:
		// The part file may already be whole: the server says how long the
		// file is.
		if _, size, ok := contentRange(resp.Header.Get("Content-Range")); ok && size == have {
			return have, have, "", nil
		}
		if err := f.Truncate(0); err != nil {
			return 0, -1, "", err
		}
		return 0, -1, "", transport.Invalid(op, nil, errors.New("range not satisfiable: starting over"))
	case resp.StatusCode == http.StatusOK:
		// The server sent the whole file: start over.
		if err := f.Truncate(0); err != nil {
			return 0, -1, "", err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return 0, -1, "", err
		}
		have = 0
		total = resp.ContentLength
	default:
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return have, -1, "", &bal.Error{Operation: op, Method: http.MethodGet, Path: req.URL.Path, StatusCode: resp.StatusCode,
			Message: http.StatusText(resp.StatusCode), Body: []byte(d.t.Client().Redact(string(body)))}
	}
	media := resp.Header.Get("Content-Type")
	var dst io.Writer = f
	if opts != nil && opts.Progress != nil {
		dst = &progressWriter{w: f, done: have, total: total, fn: opts.Progress}
	}
	n, err := io.Copy(dst, resp.Body)
	have += n
	if err != nil {
		return have, total, media, fmt.Errorf("bal: %s: after %d bytes: %w", op, have, err)
	}
	return have, total, media, f.Sync()
}

// contentRange reads "bytes start-end/size".
func contentRange(h string) (start, size int64, ok bool) {
	rest, found := strings.CutPrefix(strings.TrimSpace(h), "bytes ")
	if !found {
		return 0, 0, false
	}
	rng, sz, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, false
	}
	size, err := strconv.ParseInt(sz, 10, 64)
	if err != nil || size < 0 {
		return 0, 0, false
	}
	if rng == "*" {
		return -1, size, true
	}
	a, _, found := strings.Cut(rng, "-")
	start, err = strconv.ParseInt(a, 10, 64)
	if !found || err != nil {
		return 0, 0, false
	}
	return start, size, true
}

type progressWriter struct {
	w           io.Writer
	done, total int64
	fn          func(done, total int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.done += int64(n)
	p.fn(p.done, p.total)
	return n, err
}

// maxErrorBody is how much of a refused download's answer its *bal.Error
// keeps, as much as bal keeps of any failed call's.
const maxErrorBody = 4 << 10
