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
	// The full address: a path alone would lose the environment's own
	// path prefix (a proxy's "https://proxy/lm").
	return d.File(ctx, d.t.Client().Environment().BaseURL()+DownloadBase+transport.Path("asset", id), path, opts)
}

// File downloads the file at href (an asset's href from Sökning, or a
// Nedladdning address on the environment's host) to path, resumably: bytes
// go to path+".part", a broken transfer continues with an HTTP Range request
// from what is on disk (also in a later call), the result is checked against
// the length the server declared, and only then renamed to path. The 303 may
// lead to a file host anywhere (https, or http on loopback): the file is
// fetched from there without the token, which goes only to the
// environment's host.
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
		fu := u.ResolveReference(lu)
		if fu.Scheme != "https" && fu.Scheme != "http" {
			return nil, transport.Invalid(op, res, fmt.Errorf("location %q is not a web address", loc))
		}
		// Another host gets no credential (bal's auth layer); plain http
		// is refused off loopback.
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
// unknown). The request goes through the client's stack (Stream): a file
// host that is not the environment's gets no token, and a refusal is a
// *bal.Error masked like any other.
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
	req, err := d.request(ctx, op, http.MethodGet, target)
	if err != nil {
		return have, -1, "", err
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	resp, err := d.t.Client().Stream(req)
	var be *bal.Error
	if err != nil && have > 0 && errors.As(err, &be) && be.StatusCode == http.StatusRequestedRangeNotSatisfiable {
		// The part file may already be whole: ask how long the file is.
		if size, herr := d.size(ctx, op, target); herr == nil && size == have {
			return have, have, "", nil
		}
		if err := f.Truncate(0); err != nil {
			return 0, -1, "", err
		}
		return 0, -1, "", transport.Invalid(op, nil, errors.New("range not satisfiable: starting over"))
	}
	if err != nil {
		return have, -1, "", err
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
	case resp.StatusCode != http.StatusOK:
		return have, -1, "", transport.Invalid(op, nil, fmt.Errorf("status %d to a download", resp.StatusCode))
	default:
		// The server sent the whole file: start over.
		if err := f.Truncate(0); err != nil {
			return 0, -1, "", err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return 0, -1, "", err
		}
		have = 0
		total = resp.ContentLength
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

// request builds a request for target marked as this client's (its
// service, its retry policy).
func (d *Downloads) request(ctx context.Context, op, method, target string) (*http.Request, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("bal: %s: %w", op, err)
	}
	req, err := d.t.NewRequest(ctx, &transport.Op{Name: op, Method: method})
	if err != nil {
		return nil, err
	}
	req.URL, req.Host = u, u.Host
	req.Header.Set("Accept", "*/*")
	return req, nil
}

// size asks for target's length with a HEAD request.
func (d *Downloads) size(ctx context.Context, op, target string) (int64, error) {
	req, err := d.request(ctx, op, http.MethodHead, target)
	if err != nil {
		return 0, err
	}
	resp, err := d.t.Client().Stream(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	if resp.ContentLength < 0 {
		return 0, errors.New("no Content-Length")
	}
	return resp.ContentLength, nil
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
